/** Placeholder until this screen is built (issue 6): says so plainly instead of pretending. */
export function StressScreen() {
  return (
    <p className="muted" data-testid="-unavailable">
      This screen is not built yet.
    </p>
  );
}
