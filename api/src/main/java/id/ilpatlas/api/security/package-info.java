/**
 * Who is asking and what they may do (docs/DESIGN.md §4). {@link id.ilpatlas.api.security.SecurityConfig} makes the
 * service an OAuth2 resource server (JWT; no token is anonymous, a bad token is 401) with the token rules of
 * {@link id.ilpatlas.api.security.TokenRules}; {@link id.ilpatlas.api.security.Callers} turns the principal into a
 * {@link id.ilpatlas.api.security.Caller}: a {@link id.ilpatlas.api.security.Role} with a geographic scope (dotted
 * region codes; for puskesmas staff and kader the catchment of their facility, read from the registry).
 * {@link id.ilpatlas.api.security.AccessPolicy} holds the rules that every feature asks: person-level data, clinical
 * fields, exact versus suppressed aggregates, registry writes, the audit log (issue 20 gathers the remaining role
 * checks of the features here as named permissions); rows are filtered by the scope in SQL where they are read.
 *
 * <p>Also the limits on what one request may cost before any work is done:
 * {@link id.ilpatlas.api.security.GraphQlLimits} (depth, fields, aliases, cost, response size),
 * {@link id.ilpatlas.api.security.RequestSizeLimitFilter}, {@link id.ilpatlas.api.security.NulArguments} and
 * {@link id.ilpatlas.api.security.GraphQlHttpConfig}; and the demo users' tokens
 * ({@link id.ilpatlas.api.security.DemoTokens}, demo profile only). A scope is a set of region codes, not a geometry:
 * "inside" means a code equal to or below one of the scope's codes.
 */
package id.ilpatlas.api.security;
