export { routingService } from './routing.service';
/** The clock of routing, which end-to-end tests drive with `tick(date)`. */
export { DeadlineScheduler } from './application/deadlines/deadline-scheduler';
