-- Tamper-evident audit trail (PCI DSS 10.2/10.3). See docs/audit.md for the hash definition.
--
-- Entries are hash-chained in a fixed set of lanes instead of one global chain, so that
-- concurrent transactions append without queueing behind a single lock: each transaction takes
-- one free lane (SELECT … FOR UPDATE SKIP LOCKED) and keeps it until it commits.

-- One row per lane: the last sequence number and hash. seq 0 with 32 zero bytes is the genesis.
CREATE TABLE audit_lanes (
  lane integer PRIMARY KEY CHECK (lane >= 0),
  seq bigint NOT NULL CHECK (seq >= 0),
  head_hash bytea NOT NULL CHECK (octet_length(head_hash) = 32)
);
INSERT INTO audit_lanes (lane, seq, head_hash)
SELECT g, 0, decode(repeat('00', 32), 'hex') FROM generate_series(0, 31) AS g;

-- `body` is the canonical JSON that is hashed, kept as text so its exact bytes survive (jsonb
-- would reorder keys). The other columns are copies of body fields for indexed queries; the
-- verifier checks every copy against the body. No foreign key to merchants: the trail must
-- outlive anything it mentions.
CREATE TABLE audit_entries (
  id text PRIMARY KEY,
  lane integer NOT NULL REFERENCES audit_lanes (lane),
  seq bigint NOT NULL CHECK (seq >= 1),
  created_at timestamptz NOT NULL,
  merchant_id text,
  actor_type text NOT NULL CHECK (actor_type IN ('api_key', 'staff', 'operator', 'system')),
  actor_id text NOT NULL,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  body text NOT NULL,
  prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32),
  UNIQUE (lane, seq)
);
CREATE INDEX audit_entries_merchant ON audit_entries (merchant_id, id);
CREATE INDEX audit_entries_merchant_resource ON audit_entries (merchant_id, resource_id, id);
CREATE INDEX audit_entries_merchant_action ON audit_entries (merchant_id, action, id);
CREATE INDEX audit_entries_created ON audit_entries (created_at);

-- Signed statements of every lane head. `public_key` is informative only: the verifier trusts
-- the keys it is given, never a key read from the database it is checking.
CREATE TABLE audit_checkpoints (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  statement text NOT NULL,
  key_id text NOT NULL,
  public_key text NOT NULL,
  signature bytea NOT NULL
);
CREATE INDEX audit_checkpoints_created ON audit_checkpoints (created_at, id);

-- Append-only, enforced by the database so that no application bug or injected statement can
-- rewrite history. Statement-level, so even an UPDATE that matches no row is refused.
CREATE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_lanes_no_delete BEFORE DELETE OR TRUNCATE ON audit_lanes
FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A lane head only moves forward: a rewound head would hide a truncated tail.
CREATE FUNCTION audit_lane_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq <> 0 OR NEW.head_hash <> decode(repeat('00', 32), 'hex') THEN
      RAISE EXCEPTION 'audit lane % must start at seq 0 with the genesis hash', NEW.lane USING ERRCODE = 'P0001';
    END IF;
  ELSIF NEW.lane <> OLD.lane OR NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'audit lane % may only move forward (seq % to %)', OLD.lane, OLD.seq, NEW.seq
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_lanes_forward_only BEFORE INSERT OR UPDATE ON audit_lanes
FOR EACH ROW EXECUTE FUNCTION audit_lane_forward_only();

-- ENABLE ALWAYS: the triggers fire even under session_replication_role = replica, so that
-- setting alone does not switch the protection off (disabling them takes an ALTER TABLE).
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only;
ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_append_only;
ALTER TABLE audit_lanes ENABLE ALWAYS TRIGGER audit_lanes_no_delete;
ALTER TABLE audit_lanes ENABLE ALWAYS TRIGGER audit_lanes_forward_only;
