export { reportingService } from './reporting.service';
