-- A condition of stale.sql, inlined at its road network marker when the table road_network_loads exists: the
-- kab/kota's road network was loaded after its access rows were computed.
-- Parameters: :k — kab/kota code (as stale.sql).
-- Returns: nothing on its own (a boolean term ORed into stale.sql's answer).
    OR coalesce((SELECT max(loaded_at) FROM road_network_loads WHERE kabkota_code = :k)
         > (SELECT at FROM done), false)
