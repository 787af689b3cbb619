/**
 * The disclosure workflow as data. A disclosure moves only along the pairs listed in
 * TRANSITIONS; anything else is refused with the current state and the moves that are
 * allowed from it. Services apply `transition()` after re-reading the row under lock, so two
 * racing reviewers cannot both win.
 */
export const DISCLOSURE_STATES = [
  'draft',
  'submitted',
  'acknowledged',
  'in_review',
  'info_requested',
  'approved',
  'approved_with_conditions',
  'rejected',
  'blocked',
  'withdrawn',
] as const;
export type DisclosureState = (typeof DISCLOSURE_STATES)[number];

export const WORKFLOW_EVENTS = [
  'edit',
  'submit',
  'route_notify',
  'route_review',
  'route_prohibited',
  'acknowledge',
  'approve',
  'approve_with_conditions',
  'reject',
  'request_info',
  'revise',
  'amend',
  'withdraw',
] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

type Table = Readonly<
  Partial<Record<DisclosureState, Readonly<Partial<Record<WorkflowEvent, DisclosureState>>>>>
>;

/**
 * (state, event) -> next state.
 * - `submit` / `revise` put a revision in front of the evaluator (`submitted`), which routes it at
 *   once: notify -> acknowledged, escalate and approval -> in_review, prohibited -> blocked.
 * - `amend` is a revision that cannot change the verdict (see material-change.ts): the state stays.
 * - `withdraw` is open to the partner from every state but `withdrawn`.
 */
export const TRANSITIONS: Table = {
  draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
  submitted: {
    route_notify: 'acknowledged',
    route_review: 'in_review',
    route_prohibited: 'blocked',
    withdraw: 'withdrawn',
  },
  acknowledged: { revise: 'submitted', amend: 'acknowledged', withdraw: 'withdrawn' },
  in_review: {
    acknowledge: 'acknowledged',
    approve: 'approved',
    approve_with_conditions: 'approved_with_conditions',
    reject: 'rejected',
    request_info: 'info_requested',
    revise: 'submitted',
    withdraw: 'withdrawn',
  },
  info_requested: { revise: 'submitted', withdraw: 'withdrawn' },
  approved: { revise: 'submitted', amend: 'approved', withdraw: 'withdrawn' },
  approved_with_conditions: {
    revise: 'submitted',
    amend: 'approved_with_conditions',
    withdraw: 'withdrawn',
  },
  rejected: { revise: 'submitted', withdraw: 'withdrawn' },
  blocked: { revise: 'submitted', withdraw: 'withdrawn' },
  withdrawn: {},
};

export type TransitionResult =
  | { readonly ok: true; readonly from: DisclosureState; readonly to: DisclosureState }
  | { readonly ok: false; readonly state: DisclosureState; readonly allowed: readonly WorkflowEvent[] };

/** The events the table allows from `state`, in table order. */
export function allowedEvents(state: DisclosureState): WorkflowEvent[] {
  return Object.keys(TRANSITIONS[state] ?? {}) as WorkflowEvent[];
}

/** The next state for `event` in `state`, or a refusal naming the allowed moves. */
export function transition(state: DisclosureState, event: WorkflowEvent): TransitionResult {
  const to = TRANSITIONS[state]?.[event];
  if (to === undefined) return { ok: false, state, allowed: allowedEvents(state) };
  return { ok: true, from: state, to };
}

/** The routing event for a fresh verdict: the outcome alone decides where a submission goes. */
export function routeEventFor(outcome: 'notify' | 'escalate' | 'approval' | 'prohibited'): WorkflowEvent {
  switch (outcome) {
    case 'notify':
      return 'route_notify';
    case 'prohibited':
      return 'route_prohibited';
    case 'escalate':
    case 'approval':
      return 'route_review';
  }
}

export function isDisclosureState(value: unknown): value is DisclosureState {
  return typeof value === 'string' && (DISCLOSURE_STATES as readonly string[]).includes(value);
}

/** Events a person may choose; `route_*` are taken by the evaluator, never by a user. */
export const USER_EVENTS: readonly WorkflowEvent[] = WORKFLOW_EVENTS.filter((e) => !e.startsWith('route_'));

/**
 * The moves open to people on a disclosure in `state` whose current verdict is `outcome`.
 * One guard beyond the table: the contact may acknowledge (accept as a notify) only an
 * `escalate` verdict; an `approval` verdict needs a written approval or a rejection.
 */
export function availableMoves(state: DisclosureState, outcome: string): WorkflowEvent[] {
  return allowedEvents(state).filter(
    (event) => USER_EVENTS.includes(event) && !(event === 'acknowledge' && outcome !== 'escalate'),
  );
}

/** `transition()` plus the guard of `availableMoves`, for moves people make. */
export function checkMove(state: DisclosureState, event: WorkflowEvent, outcome: string): TransitionResult {
  const allowed = availableMoves(state, outcome);
  if (!allowed.includes(event)) return { ok: false, state, allowed };
  return transition(state, event);
}
