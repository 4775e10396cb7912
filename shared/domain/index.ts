export * from './venue';
export * from './position';
export * from './market';
export * from './account';
export * from './snapshot';
export * from './settings';
export * from './app-info';
