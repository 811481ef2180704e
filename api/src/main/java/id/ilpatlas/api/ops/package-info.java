/**
 * Operations: request ids in the logs, the GraphQL operation name on the request metrics, import job metrics and who
 * may read the actuator endpoints (README "Operations").
 */
package id.ilpatlas.api.ops;
