/**
 * Workflow events (issue 16, "being told"): {@link id.ilpatlas.api.events.WorkflowEvents} is where target selections
 * and outreach plans announce what happened; listeners deliver the events to GraphQL subscribers in scope and to the
 * configured webhooks through an outbox.
 */
package id.ilpatlas.api.events;
