import { viewStep, wantsContent } from '../objects.ts'
import { paginate } from '../pagination.ts'
import { json, param, type Route, route } from '../routing.ts'
import { getRun, getStep, getThread } from '../state.ts'

/** Run steps: list and retrieve; file_search result `content` only with `include[]`. */
export const stepRoutes: Route[] = [
  route('GET /threads/{thread_id}/runs/{run_id}/steps', (ctx) => {
    const record = getRun(getThread(ctx.services.state, param(ctx, 'thread_id')), param(ctx, 'run_id'))
    const include = wantsContent(ctx.url.searchParams)
    return json(paginate(record.steps, ctx.url.searchParams, (step) => viewStep(step, include)))
  }),
  route('GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}', (ctx) => {
    const record = getRun(getThread(ctx.services.state, param(ctx, 'thread_id')), param(ctx, 'run_id'))
    return json(viewStep(getStep(record, param(ctx, 'step_id')), wantsContent(ctx.url.searchParams)))
  }),
]
