-- depends: 0001_store
-- Originals in the database or on disk ([store] originals in config/settings.toml; store/pg_originals.py).
-- On disk a row keeps no bytes but the file's path in the originals folder, inside its authority's
-- own sub-folder and named by its hash (the CHECK holds the database to that), and its size.
ALTER TABLE originals ALTER COLUMN data DROP NOT NULL;
ALTER TABLE originals ADD COLUMN path text, ADD COLUMN size bigint CHECK (size >= 0);
ALTER TABLE originals ADD CONSTRAINT bytes_or_file CHECK (
    (data IS NOT NULL AND path IS NULL)
    OR (data IS NULL AND size IS NOT NULL
        AND starts_with(path, authority || '/' || sha256) AND position('/' IN substr(path, length(authority) + 2)) = 0));
