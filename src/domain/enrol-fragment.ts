// The marker of an enrolment link in the app's address (`#enrol=`), alone and free of zod, so the boot can spot a
// link without loading the protocol's schemas: reading and checking the payload is enrolment-link.ts's job.
export const ENROL_FRAGMENT_PREFIX = '#enrol=';
