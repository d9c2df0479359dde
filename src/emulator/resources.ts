/**
 * What every emulated workspace is furnished with, as a TaskRouter workspace set up for a
 * contact centre would be: its Activities (a worker's states), TaskChannels, TaskQueues and
 * one Workflow. The names follow Twilio's defaults where Twilio has them (Activities
 * Offline/Available/Unavailable, TaskChannels default/voice/chat/sms/email); the queues and
 * the workflow are the ones a small contact centre would make.
 */

/** The workspace's Activities, in creation order: friendly name and whether a worker in it can take tasks. */
export const DEFAULT_ACTIVITIES = [
  { friendlyName: 'Offline', available: false },
  { friendlyName: 'Available', available: true },
  { friendlyName: 'Unavailable', available: false },
  { friendlyName: 'Break', available: false },
  { friendlyName: 'Lunch', available: false },
] as const;

/** The Activity a new worker starts in (TaskRouter's own default is Offline; a test or demo worker is at work). */
export const INITIAL_WORKER_ACTIVITY = 'Available';

/**
 * The workspace's TaskChannels: unique name, friendly name, and the capacity each worker's
 * WorkerChannel gets for it (how many tasks of that channel a worker handles at once).
 */
export const TASK_CHANNELS = [
  { uniqueName: 'default', friendlyName: 'Default', capacity: 1 },
  { uniqueName: 'voice', friendlyName: 'Voice', capacity: 1 },
  { uniqueName: 'chat', friendlyName: 'Chat', capacity: 3 },
  { uniqueName: 'sms', friendlyName: 'SMS', capacity: 3 },
  { uniqueName: 'email', friendlyName: 'Email', capacity: 2 },
] as const;

/** The workspace's TaskQueues, by friendly name. */
export const TASK_QUEUES = ['Sales', 'Support', 'Billing'] as const;

/** The queue and channel of a task made without saying which. */
export const DEFAULT_TASK_QUEUE = 'Support';
export const DEFAULT_TASK_CHANNEL = 'default';

/** The workspace's one Workflow. */
export const WORKFLOW_NAME = 'Inbound contact routing';

/** A task's default `timeout` in seconds: 86,400 (24 h), TaskRouter's default for CreateTask's `Timeout`. */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 86_400;
