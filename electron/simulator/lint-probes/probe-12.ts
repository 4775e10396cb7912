export const w = (ex: { privatePostV5OrderCreate: () => Promise<void> }) => ex.privatePostV5OrderCreate();
