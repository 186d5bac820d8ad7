export { monitoringService } from './monitoring.service';
