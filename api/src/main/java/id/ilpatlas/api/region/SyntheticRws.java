package id.ilpatlas.api.region;

/**
 * Makes up the RWs of a kelurahan that has no real RW layer (the demo's seeded generator implements it):
 * {@link RwImporter} calls it to restore a kelurahan whose imported RW layer is withdrawn.
 */
public interface SyntheticRws {

    /**
     * Replaces the RWs of one kelurahan with freshly generated synthetic ones (deterministic for the configured
     * seed).
     *
     * @return the number of RWs generated
     */
    int regenerateSyntheticRws(String kelurahanCode);
}
