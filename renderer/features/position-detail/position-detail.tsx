/** Placeholder until this screen is built (issue 6): says so plainly instead of pretending. */
export function PositionDetail({ positionId }: { readonly positionId: string }) {
  return (
    <p className="muted" data-testid="position-detail-unavailable">
      The detail of {positionId} is not built yet.
    </p>
  );
}
