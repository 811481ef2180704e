package id.ilpatlas.api.facility;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.facility.FacilityErrors.DuplicateFacilityCodeError;
import id.ilpatlas.api.facility.FacilityErrors.FacilityNotFoundError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.facility.FacilityErrors.PointOutsideIndonesiaError;
import id.ilpatlas.api.facility.FacilityErrors.PointOutsideKelurahanError;
import id.ilpatlas.api.facility.FacilityErrors.StaleVersionError;
import id.ilpatlas.api.facility.FacilityErrors.SwappedCoordinatesError;
import id.ilpatlas.api.facility.FacilityErrors.UnknownServiceKeyError;
import id.ilpatlas.api.facility.FacilityInputs.AddressInput;
import id.ilpatlas.api.facility.FacilityInputs.DeactivateFacilityInput;
import id.ilpatlas.api.facility.FacilityInputs.FacilityInput;
import id.ilpatlas.api.facility.FacilityInputs.KaderInput;
import id.ilpatlas.api.facility.FacilityInputs.OpeningHoursInput;
import id.ilpatlas.api.facility.FacilityInputs.PosyanduSessionInput;
import id.ilpatlas.api.facility.FacilityInputs.SetFacilityServicesInput;
import id.ilpatlas.api.facility.FacilityInputs.SetPosyanduScheduleInput;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.point.PointCheck;
import id.ilpatlas.geo.point.PointProblem;
import id.ilpatlas.geo.region.InvalidRegionCodeException;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes to the facility registry. The caller must be allowed ({@link AccessPolicy#requireRegistryWrite}); every
 * expected failure comes back as a typed {@link UserError} naming the input field; all checks run before anything is
 * written, and each write is one transaction guarded by the version, together with its audit-log entry (the
 * facility before and after). Refused and forbidden attempts are audited too.
 */
@Component
class FacilityCommands {

    /** A point may lie this far outside the stated kelurahan (boundary digitising slack). */
    static final double KELURAHAN_TOLERANCE_METERS = 50;

    static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{2,39}$");
    static final int MAX_NAME_LENGTH = 200;
    /** Which kinds of facility may be the parent of each kind. */
    static final Map<FacilityType, Set<FacilityType>> PARENT_TYPES = Map.of(
            FacilityType.POSYANDU, EnumSet.of(FacilityType.PUSTU, FacilityType.PUSKESMAS),
            FacilityType.PUSTU, EnumSet.of(FacilityType.PUSKESMAS),
            FacilityType.PUSKESMAS, EnumSet.of(FacilityType.DINKES),
            FacilityType.DINKES, EnumSet.of(FacilityType.DINKES),
            FacilityType.KLINIK, EnumSet.of(FacilityType.DINKES, FacilityType.PUSKESMAS),
            FacilityType.RUMAH_SAKIT, EnumSet.of(FacilityType.DINKES),
            FacilityType.LABORATORIUM, EnumSet.of(FacilityType.DINKES, FacilityType.PUSKESMAS));

    /** The outcome: the facility after the change, or why nothing changed. */
    record Result(Facility facility, List<UserError> errors) {
        static Result failed(List<UserError> errors) {
            return new Result(null, List.copyOf(errors));
        }
    }

    /** The full state a facility will have after a create or update, checked as a whole. */
    private record Draft(
            String name,
            FacilityType type,
            double longitude,
            double latitude,
            String kelurahanCode,
            String locationQuality,
            String locationNote,
            Long parentId,
            String street,
            Integer rt,
            String rwCode,
            List<String> segments,
            KaderInput kader) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final FacilityRepository facilities;
    private final AuditLog audit;

    FacilityCommands(JdbcClient jdbc, TransactionTemplate transactions, FacilityRepository facilities, AuditLog audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.facilities = facilities;
        this.audit = audit;
    }

    // ------------------------------------------------------------------------------------------------ create

    Result create(Caller caller, FacilityInput in) {
        String action = "createFacility";
        authorize(
                caller,
                action,
                in.code(),
                RegionCode.isValid(in.kelurahanCode())
                        ? RegionCode.parse(in.kelurahanCode()).dotted()
                        : null,
                null);
        List<UserError> errors = new ArrayList<>();
        if (in.code() == null || !CODE.matcher(in.code()).matches()) {
            errors.add(new InvalidValueError(
                    "code must be 3-40 capital letters, digits or dashes, starting with a "
                            + "letter or digit (e.g. PSY-3375011002-RW003-2), was '" + in.code() + "'",
                    inputPath("code")));
        } else if (facilities.findByCode(in.code()).isPresent()) {
            errors.add(new DuplicateFacilityCodeError(
                    "facility code " + in.code() + " is already taken", inputPath("code"), in.code()));
        }
        checkName(in.name(), errors);
        String kelurahan = kelurahan(in.kelurahanCode(), inputPath("kelurahanCode"), errors);
        if (kelurahan != null) {
            authorize(caller, action, in.code(), kelurahan, in.type());
        }
        boolean pointOk = checkPoint(in.location(), kelurahan, errors);
        Long parentId = parent(in.parentId(), in.type(), null, errors);
        AddressParts address = address(in.address(), kelurahan, errors);
        List<String> segments = segments(in.segments());
        checkKader(in.kader(), in.type(), errors);
        checkHours(in.openingHours(), errors);
        List<String> catchments = catchments(in.catchmentCodes(), in.type(), kelurahan, errors);
        // A catchment is scope (a puskesmas's or a kader's): it may only name regions the caller already covers.
        catchments.forEach(code -> authorize(caller, action, in.code(), code, in.type()));
        if (!errors.isEmpty() || !pointOk) {
            return rejected(caller, action, in.code(), kelurahan, errors);
        }
        Draft draft = new Draft(
                in.name().strip(),
                in.type(),
                in.location().longitude(),
                in.location().latitude(),
                kelurahan,
                (in.locationQuality() == null ? Facility.LocationQuality.SURVEYED : in.locationQuality()).name(),
                in.locationNote(),
                parentId,
                address.street(),
                address.rt(),
                address.rwCode(),
                segments,
                in.kader() == null ? new KaderInput(0, 0, 0) : in.kader());
        try {
            transactions.executeWithoutResult(status -> {
                long id = jdbc.sql("""
                                INSERT INTO facilities (code, name, type, kabkota_code, kelurahan_code, location,
                                    location_quality, location_note, parent_id, address_street, address_rt,
                                    address_rw_code, segments, kader_purwa, kader_madya, kader_utama)
                                VALUES (:code, :name, :type, left(:kel, 5), :kel, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),
                                    :quality, :note, :parent, :street, :rt, :rw, :segments, :purwa, :madya, :utama)
                                RETURNING id""")
                        .param("code", in.code())
                        .params(draftParams(draft))
                        .query(Long.class)
                        .single();
                replaceHours(id, in.openingHours(), kelurahan);
                replaceCatchments(id, catchments, kelurahan);
                audit.record(
                        caller,
                        action,
                        "Facility",
                        in.code(),
                        kabkotaOf(kelurahan),
                        AuditLog.Outcome.DONE,
                        null,
                        null,
                        snapshot(id));
            });
        } catch (DuplicateKeyException e) {
            return rejected(
                    caller,
                    action,
                    in.code(),
                    kelurahan,
                    List.of(new DuplicateFacilityCodeError(
                            "facility code " + in.code() + " is already taken", inputPath("code"), in.code())));
        } catch (DataIntegrityViolationException e) {
            return rejected(caller, action, in.code(), kelurahan, List.of(refused(e)));
        }
        return new Result(facilities.findByCode(in.code()).orElseThrow(), List.of());
    }

    // ------------------------------------------------------------------------------------------------ update

    Result update(Caller caller, FacilityInput in) {
        String action = "updateFacility";
        Loaded loaded = load(caller, action, in.id(), in.version());
        if (loaded.rejection() != null) {
            return loaded.rejection();
        }
        Facility current = loaded.facility();
        List<UserError> errors = new ArrayList<>();
        String name = current.name();
        if (in.name() != null) {
            checkName(in.name(), errors);
            name = in.name().strip();
        }
        String kelurahan = in.kelurahanCode() == null
                ? current.kelurahanCode()
                : kelurahan(in.kelurahanCode(), inputPath("kelurahanCode"), errors);
        if (kelurahan != null) {
            authorize(caller, action, in.id(), kelurahan, current.type()); // moving needs the scope of both places
        }
        double[] point = currentPoint(current.internalId());
        FacilityFilter.Point location =
                in.location() != null ? in.location() : new FacilityFilter.Point(point[0], point[1]);
        boolean pointOk = true;
        if (in.location() != null || in.kelurahanCode() != null) {
            pointOk = checkPoint(location, kelurahan, errors);
        }
        Long parentId = in.parentId() == null
                ? current.parentId()
                : parent(in.parentId(), current.type(), current.internalId(), errors);
        AddressParts address = in.address() != null
                ? address(in.address(), kelurahan, errors)
                : new AddressParts(
                        current.address().street(),
                        current.address().rt(),
                        kelurahan != null
                                        && current.address().rwCode() != null
                                        && current.address().rwCode().startsWith(kelurahan + ".")
                                ? current.address().rwCode()
                                : null);
        List<String> segments = in.segments() == null ? current.segments() : segments(in.segments());
        KaderInput kader = current.kader() == null
                ? new KaderInput(0, 0, 0)
                : new KaderInput(
                        current.kader().purwa(),
                        current.kader().madya(),
                        current.kader().utama());
        if (in.kader() != null) {
            checkKader(in.kader(), current.type(), errors);
            kader = in.kader();
        }
        checkHours(in.openingHours(), errors);
        List<String> catchments =
                in.catchmentCodes() == null ? null : catchments(in.catchmentCodes(), current.type(), kelurahan, errors);
        if (catchments != null) {
            catchments.forEach(code -> authorize(caller, action, in.id(), code, current.type()));
        }
        if (!errors.isEmpty() || !pointOk) {
            return rejected(caller, action, in.id(), current.kelurahanCode(), errors);
        }
        Draft draft = new Draft(
                name,
                current.type(),
                location.longitude(),
                location.latitude(),
                kelurahan,
                (in.locationQuality() == null ? current.locationQuality() : in.locationQuality()).name(),
                in.locationNote() == null ? current.locationNote() : in.locationNote(),
                parentId,
                address.street(),
                address.rt(),
                address.rwCode(),
                segments,
                kader);
        String kel = kelurahan;
        return guardedWrite(caller, action, current, in.version(), () -> {
            int updated = jdbc.sql("""
                            UPDATE facilities
                               SET name = :name, kabkota_code = left(:kel, 5), kelurahan_code = :kel,
                                   location = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), location_quality = :quality,
                                   location_note = :note, parent_id = :parent, address_street = :street,
                                   address_rt = :rt, address_rw_code = :rw, segments = :segments,
                                   kader_purwa = :purwa, kader_madya = :madya, kader_utama = :utama,
                                   version = version + 1, updated_at = now()
                             WHERE id = :id AND version = :version""")
                    .params(draftParams(draft))
                    .param("id", current.internalId())
                    .param("version", in.version())
                    .update();
            if (updated == 1 && in.openingHours() != null) {
                replaceHours(current.internalId(), in.openingHours(), kel);
            }
            if (updated == 1 && catchments != null) {
                replaceCatchments(current.internalId(), catchments, kel);
            }
            return updated;
        });
    }

    // ------------------------------------------------------------------------------------------------ others

    Result deactivate(Caller caller, DeactivateFacilityInput in) {
        String action = "deactivateFacility";
        Loaded loaded = load(caller, action, in.id(), in.version());
        if (loaded.rejection() != null) {
            return loaded.rejection();
        }
        Facility current = loaded.facility();
        if (in.reason() == null || in.reason().isBlank()) {
            return rejected(
                    caller,
                    action,
                    in.id(),
                    current.kelurahanCode(),
                    List.of(new InvalidValueError(
                            "reason must not be empty: say why the facility closes (e.g. merged into another posyandu)",
                            inputPath("reason"))));
        }
        if (!current.active()) {
            return rejected(
                    caller,
                    action,
                    in.id(),
                    current.kelurahanCode(),
                    List.of(new InvalidValueError("facility " + in.id() + " is already inactive", inputPath("id"))));
        }
        return guardedWrite(
                caller,
                action,
                current,
                in.version(),
                () -> jdbc.sql("""
                        UPDATE facilities SET active = false, deactivated_at = now(), deactivation_reason = :reason,
                               version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :version""")
                        .param("reason", in.reason().strip())
                        .param("id", current.internalId())
                        .param("version", in.version())
                        .update());
    }

    Result setServices(Caller caller, SetFacilityServicesInput in) {
        String action = "setFacilityServices";
        Loaded loaded = load(caller, action, in.id(), in.version());
        if (loaded.rejection() != null) {
            return loaded.rejection();
        }
        Facility current = loaded.facility();
        List<String> keys = List.copyOf(new LinkedHashSet<>(in.serviceKeys()));
        Set<String> known = Set.copyOf(jdbc.sql("SELECT key FROM services WHERE key = ANY(:keys)")
                .param("keys", keys.toArray(String[]::new))
                .query(String.class)
                .list());
        List<UserError> errors = new ArrayList<>();
        for (int i = 0; i < in.serviceKeys().size(); i++) {
            String key = in.serviceKeys().get(i);
            if (!known.contains(key)) {
                errors.add(new UnknownServiceKeyError(
                        "no service '" + key + "' in the ILP catalogue (query " + "`services` for the keys)",
                        inputPath("serviceKeys", String.valueOf(i)),
                        key));
            }
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, in.id(), current.kelurahanCode(), errors);
        }
        return guardedWrite(caller, action, current, in.version(), () -> {
            int updated = bumpVersion(current.internalId(), in.version());
            if (updated == 1) {
                jdbc.sql("DELETE FROM facility_services WHERE facility_id = :id")
                        .param("id", current.internalId())
                        .update();
                jdbc.sql("""
                        INSERT INTO facility_services (facility_id, service_key, kabkota_code)
                        SELECT :id, key, :kota FROM unnest(CAST(:keys AS text[])) AS key""")
                        .param("id", current.internalId())
                        .param("kota", kabkotaOf(current.kelurahanCode()))
                        .param("keys", keys.toArray(String[]::new))
                        .update();
            }
            return updated;
        });
    }

    Result setSchedule(Caller caller, SetPosyanduScheduleInput in) {
        String action = "setPosyanduSchedule";
        Loaded loaded = load(caller, action, in.id(), in.version());
        if (loaded.rejection() != null) {
            return loaded.rejection();
        }
        Facility current = loaded.facility();
        List<UserError> errors = new ArrayList<>();
        if (current.type() != FacilityType.POSYANDU) {
            errors.add(new InvalidValueError(
                    "only a posyandu has sessions; " + in.id() + " is a " + current.type() + " (use openingHours)",
                    inputPath("id")));
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < in.sessions().size(); i++) {
            PosyanduSessionInput s = in.sessions().get(i);
            if (!s.startTime().isBefore(s.endTime())) {
                errors.add(new InvalidValueError(
                        "endTime " + s.endTime() + " must be after startTime " + s.startTime(),
                        inputPath("sessions", String.valueOf(i), "endTime")));
            }
            if (!seen.add(s.weekOfMonth() + "/" + s.dayOfWeek() + "/" + s.startTime())) {
                errors.add(new InvalidValueError(
                        "the same session is listed twice", inputPath("sessions", String.valueOf(i))));
            }
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, in.id(), current.kelurahanCode(), errors);
        }
        return guardedWrite(caller, action, current, in.version(), () -> {
            int updated = bumpVersion(current.internalId(), in.version());
            if (updated == 1) {
                jdbc.sql("DELETE FROM posyandu_sessions WHERE facility_id = :id")
                        .param("id", current.internalId())
                        .update();
                for (PosyanduSessionInput s : in.sessions()) {
                    jdbc.sql("""
                            INSERT INTO posyandu_sessions (facility_id, week_of_month, day_of_week, starts_at, ends_at,
                                                           kabkota_code)
                            VALUES (:id, :week, :day, :start, :end, :kota)""")
                            .param("id", current.internalId())
                            .param("week", s.weekOfMonth().ordinalNumber())
                            .param("day", s.dayOfWeek().getValue())
                            .param("start", s.startTime())
                            .param("end", s.endTime())
                            .param("kota", kabkotaOf(current.kelurahanCode()))
                            .update();
                }
            }
            return updated;
        });
    }

    // ------------------------------------------------------------------------------------------------ checks

    private void checkName(String name, List<UserError> errors) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            errors.add(
                    new InvalidValueError("name must be 1 to " + MAX_NAME_LENGTH + " characters", inputPath("name")));
        }
    }

    /** The dotted code of an existing kelurahan, or null with an error. */
    private String kelurahan(String code, List<String> field, List<UserError> errors) {
        if (code == null) {
            errors.add(new InvalidRegionCodeError("kelurahanCode is required", field, ""));
            return null;
        }
        RegionCode parsed;
        try {
            parsed = RegionCode.parse(code);
        } catch (InvalidRegionCodeException e) {
            errors.add(new InvalidRegionCodeError(e.getMessage(), field, code));
            return null;
        }
        if (parsed.level() != RegionLevel.KELURAHAN) {
            errors.add(new InvalidRegionCodeError(
                    parsed + " is a " + parsed.level()
                            + " code; a facility needs its kelurahan/desa code (PP.KK.CC.DDDD)",
                    field,
                    code));
            return null;
        }
        if (!regionExists(parsed.dotted())) {
            errors.add(new InvalidRegionCodeError("no kelurahan has code " + parsed, field, code));
            return null;
        }
        return parsed.dotted();
    }

    /** Checks a point (finite, in range, not swapped, in Indonesia, in the kelurahan); false when it is unusable. */
    private boolean checkPoint(FacilityFilter.Point point, String kelurahan, List<UserError> errors) {
        List<String> field = inputPath("location");
        if (point == null) {
            errors.add(new InvalidValueError("location is required", field));
            return false;
        }
        Optional<PointProblem> problem = PointCheck.check(point.longitude(), point.latitude());
        if (problem.isPresent()) {
            String message = PointCheck.describe(problem.get(), point.longitude(), point.latitude());
            errors.add(
                    switch (problem.get()) {
                        case SWAPPED_AXES ->
                            new SwappedCoordinatesError(message, field, point.latitude(), point.longitude());
                        case OUTSIDE_INDONESIA -> new PointOutsideIndonesiaError(message, field);
                        default -> new InvalidValueError(message, field);
                    });
            return false;
        }
        if (kelurahan == null) {
            return true;
        }
        Map<String, Object> where = jdbc.sql("""
                        WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS g)
                        SELECT ST_Distance(k.geom::geography, p.g::geography) AS distance,
                               (SELECT c.code FROM regions c WHERE c.level = 'KELURAHAN' AND ST_Intersects(c.geom, p.g)
                                 ORDER BY c.code LIMIT 1) AS containing
                          FROM regions k, p WHERE k.code = :kel""")
                .param("lon", point.longitude())
                .param("lat", point.latitude())
                .param("kel", kelurahan)
                .query()
                .singleRow();
        double distanceMeters = ((Number) where.get("distance")).doubleValue();
        if (distanceMeters > KELURAHAN_TOLERANCE_METERS) {
            String containing = (String) where.get("containing");
            errors.add(new PointOutsideKelurahanError(
                    String.format(
                            Locale.ROOT,
                            "the point (longitude %s, latitude %s) lies %.0f m outside kelurahan %s%s",
                            point.longitude(),
                            point.latitude(),
                            distanceMeters,
                            kelurahan,
                            containing == null ? "" : "; it lies in kelurahan " + containing),
                    field,
                    kelurahan,
                    distanceMeters,
                    containing));
            return false;
        }
        return true;
    }

    private Long parent(String parentCode, FacilityType type, Long selfId, List<UserError> errors) {
        if (parentCode == null) {
            return null;
        }
        List<String> field = inputPath("parentId");
        Optional<Facility> parent = facilities.findByCode(parentCode);
        if (parent.isEmpty()) {
            errors.add(new FacilityNotFoundError("no facility has code " + parentCode, field, parentCode));
            return null;
        }
        Facility p = parent.get();
        if (!PARENT_TYPES.get(type).contains(p.type())) {
            errors.add(new InvalidValueError(
                    "a " + type + " cannot report to a " + p.type() + "; allowed parents: " + PARENT_TYPES.get(type),
                    field));
        } else if (!p.active()) {
            errors.add(new InvalidValueError("parent " + parentCode + " is inactive", field));
        } else if (selfId != null && isSelfOrAncestor(selfId, p.internalId())) {
            errors.add(new InvalidValueError("parent " + parentCode + " would make the network a cycle", field));
        }
        return p.internalId();
    }

    private boolean isSelfOrAncestor(long selfId, long candidateParentId) {
        return jdbc.sql("""
                        WITH RECURSIVE up(id, parent_id) AS (
                            SELECT id, parent_id FROM facilities WHERE id = :start
                            UNION SELECT f.id, f.parent_id FROM facilities f JOIN up ON f.id = up.parent_id)
                        SELECT count(*) FROM up WHERE id = :self""")
                        .param("start", candidateParentId)
                        .param("self", selfId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private record AddressParts(String street, Integer rt, String rwCode) {}

    private AddressParts address(AddressInput in, String kelurahan, List<UserError> errors) {
        if (in == null) {
            return new AddressParts(null, null, null);
        }
        if (in.rt() != null && (in.rt() < 1 || in.rt() > 999)) {
            errors.add(new InvalidValueError("RT must be 1-999, was " + in.rt(), inputPath("address", "rt")));
        }
        String rwCode = null;
        if (in.rw() != null) {
            if (in.rw() < 1 || in.rw() > 999) {
                errors.add(new InvalidRegionCodeError(
                        "RW must be 1-999, was " + in.rw(), inputPath("address", "rw"), String.valueOf(in.rw())));
            } else if (kelurahan != null) {
                rwCode = RegionCode.rw(RegionCode.parse(kelurahan), in.rw()).dotted();
                if (!regionExists(rwCode)) {
                    errors.add(new InvalidRegionCodeError(
                            "kelurahan " + kelurahan + " has no RW " + in.rw(), inputPath("address", "rw"), rwCode));
                    rwCode = null;
                }
            }
        }
        String street = in.street() == null || in.street().isBlank()
                ? null
                : in.street().strip();
        return new AddressParts(street, in.rt(), rwCode);
    }

    private static List<String> segments(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.contains("SEMUA")) {
            return LifeCycleSegments.ALL;
        }
        return LifeCycleSegments.ALL.stream().filter(requested::contains).toList();
    }

    private static void checkKader(KaderInput kader, FacilityType type, List<UserError> errors) {
        if (kader == null) {
            return;
        }
        if (type != FacilityType.POSYANDU) {
            errors.add(new InvalidValueError("kader counts belong to a posyandu, not a " + type, inputPath("kader")));
        }
        if (kader.purwa() < 0
                || kader.madya() < 0
                || kader.utama() < 0
                || kader.purwa() > 999
                || kader.madya() > 999
                || kader.utama() > 999) {
            errors.add(new InvalidValueError("kader counts must be 0-999", inputPath("kader")));
        }
    }

    private static void checkHours(List<OpeningHoursInput> hours, List<UserError> errors) {
        if (hours == null) {
            return;
        }
        for (int i = 0; i < hours.size(); i++) {
            OpeningHoursInput h = hours.get(i);
            if (!h.opens().isBefore(h.closes())) {
                errors.add(new InvalidValueError(
                        "closes " + h.closes() + " must be after opens " + h.opens(),
                        inputPath("openingHours", String.valueOf(i), "closes")));
            }
        }
    }

    private List<String> catchments(List<String> codes, FacilityType type, String kelurahan, List<UserError> errors) {
        if (codes == null) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            List<String> field = inputPath("catchmentCodes", String.valueOf(i));
            RegionCode code;
            try {
                code = RegionCode.parse(codes.get(i));
            } catch (InvalidRegionCodeException e) {
                errors.add(new InvalidRegionCodeError(e.getMessage(), field, codes.get(i)));
                continue;
            }
            RegionLevel expected = type == FacilityType.POSYANDU
                    ? RegionLevel.RW
                    : type == FacilityType.PUSKESMAS || type == FacilityType.PUSTU ? RegionLevel.KELURAHAN : null;
            if (expected != null && code.level() != expected) {
                errors.add(new InvalidRegionCodeError(
                        "a " + type + " serves " + expected + " regions; " + code + " is a " + code.level(),
                        field,
                        codes.get(i)));
            } else if (!regionExists(code.dotted())) {
                errors.add(new InvalidRegionCodeError("no region has code " + code, field, codes.get(i)));
            } else if (kelurahan != null
                    && !code.kabkotaCode().equals(RegionCode.parse(kelurahan).kabkotaCode())) {
                errors.add(new InvalidRegionCodeError(
                        code + " lies outside the facility's kab/kota " + kabkotaOf(kelurahan), field, codes.get(i)));
            } else {
                result.add(code.dotted());
            }
        }
        return List.copyOf(result);
    }

    // ------------------------------------------------------------------------------------------------ writes

    private interface Write {
        int run();
    }

    /**
     * Runs a version-guarded write and its audit entry in one transaction; 0 rows means someone else changed the
     * facility since it was read.
     */
    private Result guardedWrite(Caller caller, String action, Facility current, int version, Write write) {
        String kabkota = kabkotaOf(current.kelurahanCode());
        Integer updated;
        try {
            updated = transactions.execute(status -> {
                String before = snapshot(current.internalId());
                int rows = write.run();
                if (rows == 1) {
                    audit.record(
                            caller,
                            action,
                            "Facility",
                            current.id(),
                            kabkota,
                            AuditLog.Outcome.DONE,
                            null,
                            before,
                            snapshot(current.internalId()));
                }
                return rows;
            });
        } catch (DataIntegrityViolationException e) {
            return rejected(caller, action, current.id(), current.kelurahanCode(), List.of(refused(e)));
        }
        if (updated == null || updated == 0) {
            int now = facilities.findByCode(current.id()).map(Facility::version).orElse(version);
            return rejected(caller, action, current.id(), current.kelurahanCode(), List.of(stale(version, now)));
        }
        return new Result(facilities.findByCode(current.id()).orElseThrow(), List.of());
    }

    /** The facility a change targets, or the (audited) rejection when it is missing or its version is stale. */
    private record Loaded(Facility facility, Result rejection) {}

    /** Loads the target after the access checks: the role first, then the facility's kelurahan. */
    private Loaded load(Caller caller, String action, String id, int version) {
        Optional<Facility> found = facilities.findByCode(id);
        authorize(caller, action, id, found.map(Facility::kelurahanCode).orElse(null), null);
        if (found.isEmpty()) {
            return new Loaded(null, rejected(caller, action, id, null, List.of(notFound(id))));
        }
        Facility current = found.get();
        authorize(caller, action, id, current.kelurahanCode(), current.type());
        if (current.version() != version) {
            return new Loaded(
                    null,
                    rejected(caller, action, id, current.kelurahanCode(), List.of(stale(version, current.version()))));
        }
        return new Loaded(current, null);
    }

    /**
     * Throws (and audits) when the caller may not change the registry at all ({@code type} null; {@code kelurahan},
     * when known, only tells which kab/kota's audit log records the attempt), or not this kind of facility in this
     * region.
     */
    private void authorize(Caller caller, String action, String targetId, String kelurahan, FacilityType type) {
        try {
            if (type == null) {
                AccessPolicy.requireRegistryRole(caller);
            } else {
                AccessPolicy.requireRegistryWrite(caller, kelurahan, type.name(), String.valueOf(targetId));
            }
        } catch (AccessDeniedException e) {
            auditRefusal(caller, action, targetId, kelurahan, AuditLog.Outcome.DENIED, e.getMessage());
            throw e;
        }
    }

    private Result rejected(Caller caller, String action, String targetId, String kelurahan, List<UserError> errors) {
        auditRefusal(
                caller,
                action,
                targetId,
                kelurahan,
                AuditLog.Outcome.REJECTED,
                errors.stream()
                        .map(e -> e.getClass().getSimpleName() + " " + String.join(".", e.field()))
                        .collect(java.util.stream.Collectors.joining("; ")));
        return Result.failed(errors);
    }

    /** The audit entry of a write that did not happen (no before or after snapshot). */
    private void auditRefusal(
            Caller caller, String action, String targetId, String kelurahan, AuditLog.Outcome outcome, String detail) {
        audit.record(caller, action, "Facility", targetId, kabkotaOf(kelurahan), outcome, detail, null, null);
    }

    /** The kab/kota of a region code, or null when the code is malformed or above kab/kota level. */
    private static String kabkotaOf(String regionCode) {
        return RegionCode.isValid(regionCode)
                ? RegionCode.parse(regionCode).kabkotaCode().orElse(null)
                : null;
    }

    /** The facility with its services, catchment and sessions, as JSON text for the audit log. */
    private String snapshot(long id) {
        return jdbc.sql("""
                        SELECT to_jsonb(x)::text FROM (
                            SELECT f.code, f.name, f.type, f.kelurahan_code, ST_AsGeoJSON(f.location)::jsonb AS location,
                                   f.location_quality, f.location_note, p.code AS parent, f.active, f.deactivation_reason,
                                   f.version, f.address_street, f.address_rt, f.address_rw_code, f.segments,
                                   f.kader_purwa, f.kader_madya, f.kader_utama,
                                   ARRAY(SELECT service_key FROM facility_services WHERE facility_id = f.id ORDER BY 1)
                                       AS services,
                                   ARRAY(SELECT region_code FROM facility_catchments WHERE facility_id = f.id ORDER BY 1)
                                       AS catchment,
                                   ARRAY(SELECT week_of_month || '/' || day_of_week || '/' || starts_at || '-' || ends_at
                                           FROM posyandu_sessions WHERE facility_id = f.id ORDER BY 1) AS sessions,
                                   ARRAY(SELECT day_of_week || ' ' || opens || '-' || closes
                                           FROM facility_opening_hours WHERE facility_id = f.id ORDER BY 1) AS opening_hours
                              FROM facilities f LEFT JOIN facilities p ON p.id = f.parent_id
                             WHERE f.id = :id) x""").param("id", id).query(String.class).single();
    }

    private int bumpVersion(long id, int version) {
        return jdbc.sql(
                        "UPDATE facilities SET version = version + 1, updated_at = now() WHERE id = :id AND version = :v")
                .param("id", id)
                .param("v", version)
                .update();
    }

    private void replaceHours(long id, List<OpeningHoursInput> hours, String kelurahan) {
        if (hours == null) {
            return;
        }
        jdbc.sql("DELETE FROM facility_opening_hours WHERE facility_id = :id")
                .param("id", id)
                .update();
        for (OpeningHoursInput h : hours) {
            jdbc.sql("""
                    INSERT INTO facility_opening_hours (facility_id, day_of_week, opens, closes, kabkota_code)
                    VALUES (:id, :day, :opens, :closes, left(:kel, 5)) ON CONFLICT DO NOTHING""")
                    .param("id", id)
                    .param("day", h.dayOfWeek().getValue())
                    .param("opens", h.opens())
                    .param("closes", h.closes())
                    .param("kel", kelurahan)
                    .update();
        }
    }

    private void replaceCatchments(long id, List<String> codes, String kelurahan) {
        jdbc.sql("DELETE FROM facility_catchments WHERE facility_id = :id")
                .param("id", id)
                .update();
        for (String code : codes) {
            jdbc.sql(
                            "INSERT INTO facility_catchments (facility_id, region_code, kabkota_code) VALUES (:id, :c, left(:kel, 5))")
                    .param("id", id)
                    .param("c", code)
                    .param("kel", kelurahan)
                    .update();
        }
    }

    private static Map<String, Object> draftParams(Draft d) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("name", d.name());
        params.put("type", d.type().name());
        params.put("kel", d.kelurahanCode());
        params.put("lon", d.longitude());
        params.put("lat", d.latitude());
        params.put("quality", d.locationQuality());
        params.put("note", d.locationNote());
        params.put("parent", d.parentId());
        params.put("street", d.street());
        params.put("rt", d.rt());
        params.put("rw", d.rwCode());
        params.put("segments", d.segments().toArray(String[]::new));
        params.put("purwa", d.kader().purwa());
        params.put("madya", d.kader().madya());
        params.put("utama", d.kader().utama());
        return params;
    }

    private double[] currentPoint(long id) {
        return jdbc.sql("SELECT ST_X(location), ST_Y(location) FROM facilities WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .single();
    }

    private boolean regionExists(String code) {
        return jdbc.sql("SELECT count(*) FROM regions WHERE code = :c")
                        .param("c", code)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static FacilityNotFoundError notFound(String id) {
        return new FacilityNotFoundError("no facility has code " + id, inputPath("id"), id);
    }

    private static StaleVersionError stale(int given, int current) {
        return new StaleVersionError(
                "the facility changed since you read it (version " + given + ", now " + current
                        + "): reload it, re-apply your change and send version " + current,
                inputPath("version"),
                given,
                current);
    }

    /** A constraint the checks above did not foresee: still a typed error, never a 500. */
    private static InvalidValueError refused(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        java.util.regex.Matcher constraint =
                Pattern.compile("constraint \"([a-z_]+)\"").matcher(message);
        return new InvalidValueError(
                "the registry refused the change" + (constraint.find() ? " (rule " + constraint.group(1) + ")" : ""),
                inputPath());
    }
}
