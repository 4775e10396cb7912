export const place = (ex: { createOrder: (s: string) => Promise<void> }) => ex.createOrder('BTC/USDT');
