/** What a screen shows for the moment its code is still loading (a lazily loaded chunk, from disk or loopback). */
export function ViewLoading() {
  return (
    <p className="view-loading" role="status" data-testid="shell-view-loading">
      Loading…
    </p>
  );
}
