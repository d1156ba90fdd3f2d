-- A post's text excerpt (plugin-api 1.4 PostSnapshot.text): the first 280 characters, trimmed by the
-- writer (MetricWriter); null when the network gave none or the plugin predates 1.4.
ALTER TABLE post ADD COLUMN text TEXT CHECK (char_length(text) <= 280);
