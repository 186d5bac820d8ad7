export { intakeService } from './intake.service';
