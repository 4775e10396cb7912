import { emptyBookSide, type BookSide } from './market';

/** One book level as tests write it: [price, amount in base units]; production code builds `BookSide` columns. */
export type TestLevel = readonly [price: number, amount: number];

/** Tests only: a book side (columns) from levels, best first, so a fixture can stay one readable level per pair. */
export function sideFromLevels(levels: readonly TestLevel[]): BookSide {
  const side = emptyBookSide();
  for (const [price, amount] of levels) {
    side.price.push(price);
    side.amount.push(amount);
  }
  return side;
}

/** Tests only: a book side's levels as [price, amount] pairs, best first (to compare with a table or a venue's book). */
export function levelsOf(side: Readonly<BookSide>): [number, number][] {
  return side.price.map((price, i) => [price, side.amount[i] as number]);
}
