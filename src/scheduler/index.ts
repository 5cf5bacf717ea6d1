/**
 * Scheduling: stable offsets, one run per job at a time, drift reported.
 *
 * @module
 */
export { createScheduler, type Job, type Scheduler, type SchedulerEvents } from './scheduler.js'
export { nextSlot, stableOffset } from './offset.js'
export { createPeriodicJob, type PeriodicJob } from './periodic.js'
