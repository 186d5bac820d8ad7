export * from './calendar.errors';
export * from './local-date';
export * from './working-calendar';
