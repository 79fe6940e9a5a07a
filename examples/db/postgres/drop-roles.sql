-- Removes the example roles that insecure.sql and compliant.sql created (the ones marked with
-- their comment; a role of the same name that the examples did not create is never touched),
-- once no database uses them any more: a role still in use stays, with a notice saying where.
-- Drop the example databases first, as drop.sql does.
--     psql -h 127.0.0.1 -U postgres -d postgres -f examples/db/postgres/drop-roles.sql

DO $$
DECLARE
    name text;
    uses text;
BEGIN
    FOR name IN
        SELECT rolname FROM pg_roles
        WHERE rolname = ANY (ARRAY['fintech_anon', 'fintech_authenticated', 'fintech_web_readers',
                                   'fintech_app_service', 'fintech_reporting'])
          AND shobj_description(oid, 'pg_authid') = 'assaymark example role'
    LOOP
        BEGIN
            EXECUTE format('DROP ROLE %I', name);
        EXCEPTION WHEN dependent_objects_still_exist THEN
            GET STACKED DIAGNOSTICS uses = PG_EXCEPTION_DETAIL;
            RAISE NOTICE 'role % is still in use, so it stays: %', name, uses;
        END;
    END LOOP;
END $$;
