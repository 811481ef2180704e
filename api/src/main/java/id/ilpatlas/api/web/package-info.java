/**
 * What the server serves to browsers and the errors of its REST endpoints: the web app at {@code /app}
 * ({@link id.ilpatlas.api.web.AppController}, static files in {@code api/src/main/resources/static/app/}, and
 * {@code /app/config.json}), GraphiQL without internet ({@link id.ilpatlas.api.web.GraphiqlController}), the security
 * headers of pages ({@link id.ilpatlas.api.web.PageSecurityHeaders}, with {@link id.ilpatlas.api.web.ReportStyles}
 * for the printable reports), and the REST error answers ({@link id.ilpatlas.api.web.RestErrors}: 400 naming the
 * argument, 403 naming the rule, 503 with {@code Retry-After} when the database is away, as told by
 * {@link id.ilpatlas.api.web.DatabaseUnavailable}). No geometry and no tables of its own.
 */
package id.ilpatlas.api.web;
