export * from './migrate-under-lock';
