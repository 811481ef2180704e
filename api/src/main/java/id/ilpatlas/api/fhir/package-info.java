/**
 * FHIR R4 export of the facility registry for exchange with SATUSEHAT, Indonesia's national FHIR platform:
 * {@code GET /fhir/Organization}, {@code /fhir/Location} (search bundles) and {@code /fhir/{type}/{id}} (reads),
 * as {@code application/fhir+json}. No FHIR library: the resources are plain maps written by Jackson.
 *
 * <p>Profiles followed: the SATUSEHAT FHIR R4 Implementation Guide (Simplifier,
 * {@code SATUSEHAT-FHIR-R4-Implementation-Guide}), in particular the address extension
 * {@code https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode}.
 */
package id.ilpatlas.api.fhir;
