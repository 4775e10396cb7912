const COLUMNS = ['Venue', 'Symbol', 'Side', 'Size', 'Leverage', 'Entry', 'Mark', 'Liq. price', 'Distance', 'Risk'];

export function PositionsEmpty() {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="positions-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td colSpan={COLUMNS.length} className="data-table__empty" data-testid="positions-empty-message">
              No open positions to show. Connect an account or try the demo.
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
