/**
 * What the demo's tasks are about: attributes shaped like the ones a contact centre's
 * TaskRouter tasks carry (as Twilio Flex and Studio's "Send to Flex" make them), in the
 * four channels: voice calls (`from`, `to`, `call_sid`, `caller_name`, `direction`),
 * chats and conversations (`channelType`, `from`, `conversationSid`, `name`), SMS (`from`,
 * `to`, `body`, and the contact's `name`) and email (`from`, `to`, `subject`, `name`).
 *
 * Customers write in many scripts: right-to-left (Arabic, Hebrew), CJK, Cyrillic, Greek,
 * Devanagari, Latin with combining marks (decomposed, NFD) and emoji; and some values are
 * long (a 200-character subject, a 40-character word with no break opportunity).
 *
 * Phone numbers are from ranges set aside for fiction (North American 555-0100–0199, UK
 * Ofcom's 07700 900000–900999, Australia's 0491 570 156–159); addresses are under
 * example.com. Nothing here is a real person's.
 */
import { fixedSid, newSid } from './ids.js';
import type { TaskContent } from './types.js';

/** The contact centre's own numbers and address. */
export const CONTACT_NUMBER = '+18005550100';
export const SMS_NUMBER = '+18005550111';
export const SUPPORT_ADDRESS = 'support@example.com';

/** A 200-character email subject. */
export const LONG_SUBJECT =
  'Re: Order #A-20240917-3381 arrived damaged, the replacement never shipped and I was charged twice; your chat closed on me three times. Please call me back before Friday, photos of everything attached.';

/** A 40-character name with no break opportunity (an anonymous web visitor's handle). */
export const UNBROKEN_NAME = 'visitor_7f3a9c2e1b4d6f8a0c2e4b6d8f0a1c3e';

/** Latin with combining marks, decomposed (NFD): "Nguyễn Ngọc Ánh" and "Zoë Ångström". */
export const COMBINING_NAME = 'Nguyễn Ngọc Ánh'.normalize('NFD');
export const COMBINING_NAME_2 = 'Zoë Ångström'.normalize('NFD');

interface Customer {
  name: string;
  phone: string;
  email: string;
}

/** Customers of the demo, in many scripts. */
export const CUSTOMERS: readonly Customer[] = [
  { name: 'محمد عبد الله', phone: '+12025550143', email: 'm.abdullah@example.com' },
  { name: 'נועה לוי', phone: '+12125550178', email: 'noa.levi@example.com' },
  { name: '佐藤 美咲', phone: '+13105550122', email: 'misaki.sato@example.com' },
  { name: '王秀英', phone: '+14155550187', email: 'wang.xiuying@example.com' },
  { name: '김민준', phone: '+12065550131', email: 'minjun.kim@example.com' },
  { name: 'Дмитрий Иванов', phone: '+447700900412', email: 'd.ivanov@example.com' },
  { name: 'Αλέξανδρος Παπαδόπουλος', phone: '+447700900687', email: 'alex.papadopoulos@example.com' },
  { name: 'प्रिया शर्मा', phone: '+61491570157', email: 'priya.sharma@example.com' },
  { name: COMBINING_NAME, phone: '+61491570158', email: 'ngoc.anh@example.com' },
  { name: COMBINING_NAME_2, phone: '+13125550119', email: 'zoe.angstrom@example.com' },
  { name: 'Siobhán Ó Súilleabháin', phone: '+447700900254', email: 'siobhan@example.com' },
  { name: 'José María Fernández', phone: '+17135550164', email: 'jm.fernandez@example.com' },
  { name: 'Amara 🌻 Okafor', phone: '+14045550126', email: 'amara.okafor@example.com' },
  { name: 'Lukas Schmidt', phone: '+13035550192', email: 'lukas.schmidt@example.com' },
];

const SUBJECTS = [
  'Invoice INV-2024-0042 shows the wrong VAT number',
  'Can I move my plan to the annual billing?',
  'Lieferung beschädigt – bitte um Ersatz',
  '注文番号 4471 の配送状況について',
  'طلب استرداد المبلغ للطلب رقم 5521',
  'Refund request 🙏',
  LONG_SUBJECT,
];

const SMS_BODIES = [
  'Hi, my card was charged twice for order 8812, can someone help?',
  'שלום, אני רוצה לשנות את כתובת המשלוח',
  '配達時間を変更できますか？',
  'Is the store on Main St open on Sunday? 🛒',
  'Please call me back about my contract renewal',
];

const CHAT_TYPES = ['web', 'whatsapp', 'facebook', 'web'] as const;
const QUEUES = ['Sales', 'Support', 'Billing'] as const;
/** Most tasks at the default priority, some urgent. */
const PRIORITIES = [0, 0, 0, 1, 1, 5, 10, 50] as const;

function voice(c: Customer, callSid: string): Record<string, unknown> {
  return { type: 'inbound', direction: 'inbound', from: c.phone, to: CONTACT_NUMBER, call_sid: callSid, caller_name: c.name, name: c.name };
}

function chat(c: Customer, channelType: string, conversationSid: string, name = c.name): Record<string, unknown> {
  const from = channelType === 'whatsapp' ? `whatsapp:${c.phone}` : channelType === 'facebook' ? `messenger:${c.email}` : name;
  return { channelType, from, conversationSid, name };
}

function sms(c: Customer, body: string): Record<string, unknown> {
  return { channelType: 'sms', from: c.phone, to: SMS_NUMBER, body, name: c.name };
}

function email(c: Customer, subject: string): Record<string, unknown> {
  return { from: c.email, to: SUPPORT_ADDRESS, subject, name: c.name };
}

const customer = (name: string) => CUSTOMERS.find((c) => c.name === name)!;

/**
 * The seeded tasks' content, in the order the seed makes them (fixed SIDs for their
 * calls and conversations). `ageSeconds` is how long the customer has been waiting.
 */
export const SEED_TASKS: readonly TaskContent[] = [
  { channel: 'voice', queue: 'Support', priority: 0, ageSeconds: 3700, attributes: voice(customer(COMBINING_NAME), fixedSid('CA', 1)) },
  {
    channel: 'email',
    queue: 'Billing',
    priority: 0,
    ageSeconds: 2600,
    attributes: email(customer('Lukas Schmidt'), 'Lieferung beschädigt – bitte um Ersatz'),
  },
  {
    channel: 'sms',
    queue: 'Support',
    priority: 1,
    ageSeconds: 1850,
    attributes: sms(customer('김민준'), 'Please call me back about my contract renewal'),
  },
  { channel: 'voice', queue: 'Sales', priority: 0, ageSeconds: 1560, attributes: voice(customer('Дмитрий Иванов'), fixedSid('CA', 2)) },
  {
    channel: 'chat',
    queue: 'Support',
    priority: 5,
    ageSeconds: 1290,
    attributes: chat(customer('Αλέξανδρος Παπαδόπουλος'), 'web', fixedSid('CH', 1)),
  },
  {
    channel: 'chat',
    queue: 'Sales',
    priority: 1,
    ageSeconds: 980,
    attributes: chat(customer('Amara 🌻 Okafor'), 'whatsapp', fixedSid('CH', 2)),
  },
  {
    channel: 'sms',
    queue: 'Support',
    priority: 1,
    ageSeconds: 420,
    attributes: sms(customer('נועה לוי'), 'שלום, אני רוצה לשנות את כתובת המשלוח'),
  },
  { channel: 'voice', queue: 'Sales', priority: 10, ageSeconds: 140, attributes: voice(customer('محمد عبد الله'), fixedSid('CA', 3)) },
  { channel: 'chat', queue: 'Support', priority: 5, ageSeconds: 95, attributes: chat(customer('佐藤 美咲'), 'web', fixedSid('CH', 3)) },
  { channel: 'email', queue: 'Billing', priority: 0, ageSeconds: 55, attributes: email(customer(COMBINING_NAME_2), LONG_SUBJECT) },
  {
    channel: 'email',
    queue: 'Billing',
    priority: 0,
    ageSeconds: 2300,
    attributes: email(customer('王秀英'), '发票问题 / Invoice question'),
  },
  {
    channel: 'voice',
    queue: 'Support',
    priority: 50,
    ageSeconds: 80,
    attributes: voice(customer('Siobhán Ó Súilleabháin'), fixedSid('CA', 4)),
  },
  {
    channel: 'sms',
    queue: 'Sales',
    priority: 0,
    ageSeconds: 2700,
    attributes: sms(customer('प्रिया शर्मा'), 'Is the store on Main St open on Sunday? 🛒'),
  },
  {
    channel: 'chat',
    queue: 'Support',
    priority: 0,
    ageSeconds: 45,
    attributes: chat(customer('José María Fernández'), 'web', fixedSid('CH', 4), UNBROKEN_NAME),
  },
];

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/** A new task's content, random but shaped like a real one (fresh call and conversation SIDs). */
export function randomTaskContent(random: () => number = Math.random): TaskContent {
  const c = pick(CUSTOMERS, random);
  const channel = pick(['voice', 'chat', 'sms', 'email'] as const, random);
  const attributes =
    channel === 'voice'
      ? voice(c, newSid('CA'))
      : channel === 'chat'
        ? chat(c, pick(CHAT_TYPES, random), newSid('CH'))
        : channel === 'sms'
          ? sms(c, pick(SMS_BODIES, random))
          : email(c, pick(SUBJECTS, random));
  return {
    channel,
    queue: pick(QUEUES, random),
    priority: pick(PRIORITIES, random),
    ageSeconds: 5 + Math.floor(random() * 60),
    attributes,
  };
}

/** The demo workers' attributes, by worker index. */
export const DEMO_WORKER_ATTRIBUTES: readonly Record<string, unknown>[] = [
  {
    email: 'ada@example.com',
    contact_uri: 'client:ada',
    routing: { skills: ['sales', 'support'], levels: { support: 3 } },
    languages: ['en', 'ar'],
  },
  { email: 'grace@example.com', contact_uri: 'client:grace', routing: { skills: ['support', 'billing'] }, languages: ['en', 'ja', 'zh'] },
  { email: 'alan@example.com', contact_uri: 'client:alan', routing: { skills: ['billing'] }, languages: ['en', 'de'] },
];
