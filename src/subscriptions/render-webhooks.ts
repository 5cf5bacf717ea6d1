/**
 * The bodies of the webhook formats: Standard Webhooks JSON (signed by the sender), Slack's
 * `{text, blocks}` (Mattermost and Rocket.Chat read `text`), a Microsoft Teams workflow message
 * with an Adaptive Card, and a Matrix `m.room.message`.
 *
 * @module
 */
import { escapeHtml } from '../web/markdown.js'
import type { SubscriberEvent } from './events.js'
import { affected, eventLabel, eventUrl, plainLines, windowLine, type RenderContext } from './wording.js'

/**
 * The Standard Webhooks payload: `type`, `timestamp` and the event as `data`, with display names
 * and the public link.
 *
 * @example
 * standardBody(event, context) // { type: 'incident.updated', timestamp: '…', data: { … } }
 */
export function standardBody(event: SubscriberEvent, context: RenderContext): object {
  return {
    type: event.kind,
    timestamp: new Date(event.at).toISOString(),
    data: {
      id: event.id,
      [event.subject.type]: event.subject.id,
      title: event.title,
      text: event.text,
      phase: event.phase,
      window: event.window === null ? null : { start: new Date(event.window.start).toISOString(), end: new Date(event.window.end).toISOString() },
      components: event.targets.map((target) => ({ name: target.component, displayName: context.names[target.component] ?? target.component, locations: target.locations })),
      url: eventUrl(event, context),
    },
  }
}

/** Slack's mrkdwn needs only &, < and > escaped. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * A Slack incoming-webhook message: `text` holds everything (the notification, and the whole
 * message for Mattermost and Rocket.Chat, which ignore blocks), `blocks` lay it out in Slack.
 *
 * @example
 * slackBody(event, context).blocks[0].type // 'header'
 */
export function slackBody(event: SubscriberEvent, context: RenderContext) {
  const where = affected(event, context)
  const details = [where === '' ? '' : `Affected: ${slackEscape(where)}`, slackEscape(windowLine(event))].filter((line) => line !== '').join('\n')
  const text = `*${slackEscape(eventLabel(event))}: ${slackEscape(event.title)}*${details === '' ? '' : `\n${details}`}${event.text === null ? '' : `\n${slackEscape(event.text)}`}\n<${eventUrl(event, context)}|Details>`
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${eventLabel(event)}: ${event.title}`.slice(0, 150) } },
      ...(event.text === null ? [] : [{ type: 'section', text: { type: 'mrkdwn', text: slackEscape(event.text).slice(0, 3000) } }]),
      ...(details === '' ? [] : [{ type: 'context', elements: [{ type: 'mrkdwn', text: details }] }]),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Details' }, url: eventUrl(event, context) }] },
    ],
  }
}

/**
 * A message for a Teams workflow ("When a Teams webhook request is received"): one Adaptive
 * Card 1.4 attachment.
 *
 * @example
 * teamsBody(event, context).attachments[0].contentType // 'application/vnd.microsoft.card.adaptive'
 */
export function teamsBody(event: SubscriberEvent, context: RenderContext) {
  const where = affected(event, context)
  const facts = [
    ...(where === '' ? [] : [{ title: 'Affected', value: where }]),
    ...(event.window === null ? [] : [{ title: 'Window', value: windowLine(event).replace(/^Window: /, '') }]),
  ]
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: `${eventLabel(event)}: ${event.title}`, weight: 'Bolder', size: 'Medium', wrap: true },
            ...(event.text === null ? [] : [{ type: 'TextBlock', text: event.text, wrap: true }]),
            ...(facts.length === 0 ? [] : [{ type: 'FactSet', facts }]),
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Details', url: eventUrl(event, context) }],
        },
      },
    ],
  }
}

/**
 * A Matrix `m.room.message` (`m.text` with an HTML rendering).
 *
 * @example
 * matrixBody(event, context).msgtype // 'm.text'
 */
export function matrixBody(event: SubscriberEvent, context: RenderContext) {
  const lines = plainLines(event, context)
  const [head = '', ...rest] = lines
  return {
    msgtype: 'm.text',
    body: lines.join('\n'),
    format: 'org.matrix.custom.html',
    formatted_body: `<strong>${escapeHtml(head)}</strong>${rest.map((line) => `<br>${escapeHtml(line)}`).join('')}`,
  }
}
