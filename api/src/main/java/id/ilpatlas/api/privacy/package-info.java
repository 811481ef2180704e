/**
 * Personal identifiers as the database keeps them: never in clear. {@link id.ilpatlas.api.privacy.Nik} checks a
 * Nomor Induk Kependudukan (16 digits), hashes it with a keyed HMAC-SHA256 for matching records of the same person
 * (also family card numbers and generated keys), and masks it for display; {@link id.ilpatlas.api.privacy.PrivacyConfig}
 * takes the key from configuration ({@code atlas.privacy.nik-key}, env {@code ATLAS_NIK_KEY}) and refuses to start
 * without one outside the demo profile. The suppression of public aggregates is not here but in
 * {@code id.ilpatlas.geo.privacy} and {@code id.ilpatlas.api.cases.aggregate}. No geometry.
 */
package id.ilpatlas.api.privacy;
