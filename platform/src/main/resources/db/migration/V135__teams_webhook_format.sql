-- A webhook channel's message format (issue 13): 'standard' is Goalpost's JSON with a 'text' field
-- (what Slack's incoming webhooks and any receiver of one's own read); 'teams' adds the Adaptive Card
-- message Microsoft Teams wants (Workflows' "when a Teams webhook request is received" takes Adaptive
-- Cards only, and the older connector webhooks take them too). Channels already pointed at a Teams
-- address get 'teams', so their alerts start showing in the channel.
ALTER TABLE notification_channel ADD COLUMN format TEXT NOT NULL DEFAULT 'standard' CHECK (format IN ('standard', 'teams'));
UPDATE notification_channel SET format = 'teams'
 WHERE kind = 'webhook'
   AND url_origin ~* '^https?://([a-z0-9-]+\.)*(webhook\.office\.com|logic\.azure\.com|powerplatform\.com)(:[0-9]+)?$';
