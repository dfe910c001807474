/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/plan/render.test.ts > TAP > directory plan as json > must match snapshot 1`] = `
{
  "formatVersion": 1,
  "commit": null,
  "changes": [
    {
      "action": "create",
      "kind": "Group",
      "name": "solo",
      "diff": [
        {
          "path": "/metadata",
          "after": {
            "name": "solo"
          }
        },
        {
          "path": "/spec",
          "after": {
            "distributionPoints": [
              {
                "name": "dp-solo",
                "os": "windows",
                "repository": "/srv/solo"
              }
            ],
            "devices": []
          }
        }
      ]
    }
  ],
  "actions": [],
  "warnings": [],
  "dirty": false,
  "createdAt": "2026-03-02T10:00:00.000Z",
  "state": {
    "lineage": "5b0e7c1e-0000-4000-8000-000000000001",
    "serial": 3
  },
  "prune": false,
  "unchanged": 0,
  "orphans": [],
  "schedules": [],
  "rollout": {
    "rings": [],
    "rollouts": [],
    "links": []
  }
}

`

exports[`test/plan/render.test.ts > TAP > directory plan as markdown > must match snapshot 1`] = `
### Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged; 0 repositories to sync.

Plan for directory (uncommitted)

| | Kind | Name | Fields changed |
| :-: | --- | --- | --- |
| \`+\` | Group | \`solo\` | (new) |

<details><summary><code>+</code> Group &quot;solo&quot;</summary>

\`\`\`diff
+ /metadata/name: "solo"
+ /spec/devices: []
+ /spec/distributionPoints[dp-solo]/name: "dp-solo"
+ /spec/distributionPoints[dp-solo]/os: "windows"
+ /spec/distributionPoints[dp-solo]/repository: "/srv/solo"
\`\`\`

</details>

`

exports[`test/plan/render.test.ts > TAP > directory plan as text > must match snapshot 1`] = `
Plan for directory (uncommitted)

  + Group "solo"
      + /metadata/name: "solo"
      + /spec/devices: []
      + /spec/distributionPoints[dp-solo]/name: "dp-solo"
      + /spec/distributionPoints[dp-solo]/os: "windows"
      + /spec/distributionPoints[dp-solo]/repository: "/srv/solo"

Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged; 0 repositories to sync.

`

exports[`test/plan/render.test.ts > TAP > no change plan as json > must match snapshot 1`] = `
{
  "formatVersion": 1,
  "commit": "abc1234def5678abc1234def5678abc1234def56",
  "changes": [],
  "actions": [],
  "warnings": [
    {
      "code": "DP_WITHOUT_TASK",
      "message": "distribution point \\"dp-head-office\\" has no download task"
    }
  ],
  "dirty": false,
  "createdAt": "2026-03-02T10:00:00.000Z",
  "state": {
    "lineage": "5b0e7c1e-0000-4000-8000-000000000001",
    "serial": 3
  },
  "prune": false,
  "unchanged": 1,
  "orphans": [],
  "schedules": [],
  "rollout": {
    "rings": [],
    "rollouts": [],
    "links": []
  }
}

`

exports[`test/plan/render.test.ts > TAP > no change plan as markdown > must match snapshot 1`] = `
### No changes. Your configuration matches the recorded state.

Plan for commit abc1234

#### Warnings

- \`! DP_WITHOUT_TASK\` distribution point "dp-head-office" has no download task

`

exports[`test/plan/render.test.ts > TAP > no change plan as text > must match snapshot 1`] = `
Plan for commit abc1234

Warnings:
  ! DP_WITHOUT_TASK distribution point "dp-head-office" has no download task

No changes. Your configuration matches the recorded state.

`

exports[`test/plan/render.test.ts > TAP > rich plan as json > must match snapshot 1`] = `
{
  "formatVersion": 1,
  "commit": "abc1234def5678abc1234def5678abc1234def56",
  "changes": [
    {
      "action": "update",
      "kind": "Group",
      "name": "berlin-office",
      "diff": [
        {
          "path": "/spec/description",
          "before": "Berlin office\\nfloor 2\\nroom 12",
          "after": "Berlin office\\nfloor 3\\nroom 12",
          "patch": "--- /spec/description\\n+++ /spec/description\\n@@ -1,3 +1,3 @@\\n Berlin office\\n-floor 2\\n+floor 3\\n room 12\\n\\\\ No newline at end of file\\n"
        },
        {
          "path": "/spec/devices[ws-berlin-001]",
          "after": {
            "name": "ws-berlin-001",
            "os": "linux",
            "labels": {
              "floor": "3"
            }
          }
        }
      ]
    },
    {
      "action": "create",
      "kind": "Group",
      "name": "munich-office",
      "diff": [
        {
          "path": "/metadata",
          "after": {
            "name": "munich-office"
          }
        },
        {
          "path": "/spec",
          "after": {
            "distributionPoints": [
              {
                "name": "dp-munich-office",
                "os": "windows",
                "repository": "/srv/munich-office"
              }
            ],
            "devices": [],
            "parent": "head-office"
          }
        }
      ]
    },
    {
      "action": "update",
      "kind": "UpdateSource",
      "name": "ftp-mirror",
      "diff": [
        {
          "path": "/spec/secretRef/env",
          "before": "(sensitive)",
          "after": "(sensitive)",
          "sensitive": true
        }
      ]
    },
    {
      "action": "create",
      "kind": "UpdateSource",
      "name": "http-mirror",
      "diff": [
        {
          "path": "/metadata",
          "after": {
            "name": "http-mirror"
          }
        },
        {
          "path": "/spec",
          "after": {
            "type": "http",
            "url": "https://mirror|pipe.example.com/u",
            "timeoutSeconds": 10,
            "proxy": {
              "url": "http://proxy:3128",
              "secretRef": "(sensitive)"
            }
          }
        }
      ]
    },
    {
      "action": "create",
      "kind": "Task",
      "name": "Download updates for Berlin",
      "diff": [
        {
          "path": "/metadata",
          "after": {
            "name": "Download updates for Berlin"
          }
        },
        {
          "path": "/spec",
          "after": {
            "type": "DownloadUpdatesToDistributionPoints",
            "scope": {
              "group": "berlin-office",
              "includeSubgroups": true
            },
            "settings": {
              "sources": [
                "vendor"
              ]
            },
            "schedule": {
              "kind": "weekly",
              "day": "friday",
              "time": "18:00",
              "timeZone": "Europe/Berlin"
            }
          }
        }
      ]
    },
    {
      "action": "delete",
      "kind": "UpdateSource",
      "name": "retired-mirror",
      "diff": [
        {
          "path": "/metadata",
          "before": {
            "name": "retired-mirror"
          }
        },
        {
          "path": "/spec",
          "before": {
            "secretRef": "(sensitive)",
            "timeoutSeconds": 10,
            "type": "ftp",
            "url": "ftp://retired-mirror.example.com/updates"
          }
        }
      ]
    }
  ],
  "actions": [
    {
      "action": "sync",
      "dp": "dp-berlin-1",
      "task": "Download updates for Berlin",
      "repository": "/srv/updates/berlin",
      "sources": [
        "vendor",
        "ftp-mirror"
      ],
      "reason": "empty",
      "detail": "repository is empty"
    },
    {
      "action": "sync",
      "dp": "dp-berlin-2",
      "task": "Download updates for Berlin",
      "repository": "/srv/updates/berlin-2",
      "sources": [
        "vendor",
        "ftp-mirror"
      ],
      "reason": "drifted",
      "detail": "1 missing file (e.g. targets/av-base.bin)"
    },
    {
      "action": "schedule",
      "change": "added",
      "task": "Download updates for Berlin",
      "description": "every Friday at 18:00 (Europe/Berlin)",
      "nextStarts": [
        "2026-03-06T17:00:00.000Z",
        "2026-03-13T17:00:00.000Z",
        "2026-03-20T17:00:00.000Z"
      ]
    }
  ],
  "warnings": [
    {
      "code": "NON_WINDOWS_DP",
      "message": "distribution point \\"dp-linux-1\\" is not Windows; the download task skips it",
      "at": "groups/berlin.yaml:9:7"
    },
    {
      "code": "SOURCE_UNREACHABLE",
      "message": "update source \\"vendor\\" is unreachable: ECONNREFUSED 127.0.0.1:1"
    }
  ],
  "dirty": false,
  "createdAt": "2026-03-02T10:00:00.000Z",
  "state": {
    "lineage": "5b0e7c1e-0000-4000-8000-000000000001",
    "serial": 3
  },
  "prune": false,
  "unchanged": 1,
  "orphans": [
    {
      "kind": "Group",
      "name": "old-office"
    }
  ],
  "schedules": [
    {
      "task": "Download updates for Berlin",
      "description": "every Friday at 18:00 (Europe/Berlin)",
      "nextStarts": [
        "2026-03-06T17:00:00.000Z",
        "2026-03-13T17:00:00.000Z",
        "2026-03-20T17:00:00.000Z"
      ]
    }
  ],
  "rollout": {
    "rings": [],
    "rollouts": [],
    "links": []
  }
}

`

exports[`test/plan/render.test.ts > TAP > rich plan as markdown > must match snapshot 1`] = `
### Plan: 3 to create, 2 to update, 1 to delete, 1 unchanged; 2 repositories to sync.

Plan for commit abc1234

| | Kind | Name | Fields changed |
| :-: | --- | --- | --- |
| \`~\` | Group | \`berlin-office\` | \`/spec/description\`, \`/spec/devices[ws-berlin-001]\` |
| \`+\` | Group | \`munich-office\` | (new) |
| \`~\` | UpdateSource | \`ftp-mirror\` | \`/spec/secretRef/env\` |
| \`+\` | UpdateSource | \`http-mirror\` | (new) |
| \`+\` | Task | \`Download updates for Berlin\` | (new) |
| \`-\` | UpdateSource | \`retired-mirror\` | (removed) |

<details><summary><code>~</code> Group &quot;berlin-office&quot;</summary>

\`\`\`diff
~ /spec/description:
@@ -1,3 +1,3 @@
 Berlin office
-floor 2
+floor 3
 room 12
+ /spec/devices[ws-berlin-001]/labels/floor: "3"
+ /spec/devices[ws-berlin-001]/name: "ws-berlin-001"
+ /spec/devices[ws-berlin-001]/os: "linux"
\`\`\`

</details>

<details><summary><code>+</code> Group &quot;munich-office&quot;</summary>

\`\`\`diff
+ /metadata/name: "munich-office"
+ /spec/devices: []
+ /spec/distributionPoints[dp-munich-office]/name: "dp-munich-office"
+ /spec/distributionPoints[dp-munich-office]/os: "windows"
+ /spec/distributionPoints[dp-munich-office]/repository: "/srv/munich-office"
+ /spec/parent: "head-office"
\`\`\`

</details>

<details><summary><code>~</code> UpdateSource &quot;ftp-mirror&quot;</summary>

\`\`\`diff
- /spec/secretRef/env: (sensitive)
+ /spec/secretRef/env: (sensitive)
\`\`\`

</details>

<details><summary><code>+</code> UpdateSource &quot;http-mirror&quot;</summary>

\`\`\`diff
+ /metadata/name: "http-mirror"
+ /spec/proxy/secretRef: (sensitive)
+ /spec/proxy/url: "http://proxy:3128"
+ /spec/timeoutSeconds: 10
+ /spec/type: "http"
+ /spec/url: "https://mirror|pipe.example.com/u"
\`\`\`

</details>

<details><summary><code>+</code> Task &quot;Download updates for Berlin&quot;</summary>

\`\`\`diff
+ /metadata/name: "Download updates for Berlin"
+ /spec/schedule/day: "friday"
+ /spec/schedule/kind: "weekly"
+ /spec/schedule/time: "18:00"
+ /spec/schedule/timeZone: "Europe/Berlin"
+ /spec/scope/group: "berlin-office"
+ /spec/scope/includeSubgroups: true
+ /spec/settings/sources: ["vendor"]
+ /spec/type: "DownloadUpdatesToDistributionPoints"
\`\`\`

</details>

<details><summary><code>-</code> UpdateSource &quot;retired-mirror&quot;</summary>

\`\`\`diff
- /metadata/name: "retired-mirror"
- /spec/secretRef: (sensitive)
- /spec/timeoutSeconds: 10
- /spec/type: "ftp"
- /spec/url: "ftp://retired-mirror.example.com/updates"
\`\`\`

</details>

#### Actions on apply

- ↻ sync \`dp-berlin-1\` (Download updates for Berlin): repository is empty
- ↻ sync \`dp-berlin-2\` (Download updates for Berlin): 1 missing file (e.g. targets/av-base.bin)
- \`+\` schedule \`Download updates for Berlin\` added: every Friday at 18:00 (Europe/Berlin) — next starts: \`2026-03-06T17:00:00.000Z\`, \`2026-03-13T17:00:00.000Z\`, \`2026-03-20T17:00:00.000Z\`

#### Warnings

- \`! NON_WINDOWS_DP\` distribution point "dp-linux-1" is not Windows; the download task skips it (\`groups/berlin.yaml:9:7\`)
- \`! SOURCE_UNREACHABLE\` update source "vendor" is unreachable: ECONNREFUSED 127.0.0.1:1

> 1 object recorded but no longer in the config is kept; run with --prune to delete it:
> - Group \`old-office\`

`

exports[`test/plan/render.test.ts > TAP > rich plan as text > must match snapshot 1`] = `
Plan for commit abc1234

  ~ Group "berlin-office"
      ~ /spec/description:
          @@ -1,3 +1,3 @@
           Berlin office
          -floor 2
          +floor 3
           room 12
      + /spec/devices[ws-berlin-001]/labels/floor: "3"
      + /spec/devices[ws-berlin-001]/name: "ws-berlin-001"
      + /spec/devices[ws-berlin-001]/os: "linux"
  + Group "munich-office"
      + /metadata/name: "munich-office"
      + /spec/devices: []
      + /spec/distributionPoints[dp-munich-office]/name: "dp-munich-office"
      + /spec/distributionPoints[dp-munich-office]/os: "windows"
      + /spec/distributionPoints[dp-munich-office]/repository: "/srv/munich-office"
      + /spec/parent: "head-office"
  ~ UpdateSource "ftp-mirror"
      ~ /spec/secretRef/env: (sensitive) → (sensitive)
  + UpdateSource "http-mirror"
      + /metadata/name: "http-mirror"
      + /spec/proxy/secretRef: (sensitive)
      + /spec/proxy/url: "http://proxy:3128"
      + /spec/timeoutSeconds: 10
      + /spec/type: "http"
      + /spec/url: "https://mirror|pipe.example.com/u"
  + Task "Download updates for Berlin"
      + /metadata/name: "Download updates for Berlin"
      + /spec/schedule/day: "friday"
      + /spec/schedule/kind: "weekly"
      + /spec/schedule/time: "18:00"
      + /spec/schedule/timeZone: "Europe/Berlin"
      + /spec/scope/group: "berlin-office"
      + /spec/scope/includeSubgroups: true
      + /spec/settings/sources: ["vendor"]
      + /spec/type: "DownloadUpdatesToDistributionPoints"
  - UpdateSource "retired-mirror"
      - /metadata/name: "retired-mirror"
      - /spec/secretRef: (sensitive)
      - /spec/timeoutSeconds: 10
      - /spec/type: "ftp"
      - /spec/url: "ftp://retired-mirror.example.com/updates"

Actions on apply:
  ↻ sync dp-berlin-1 (Download updates for Berlin): repository is empty
  ↻ sync dp-berlin-2 (Download updates for Berlin): 1 missing file (e.g. targets/av-base.bin)
  + schedule "Download updates for Berlin" added: every Friday at 18:00 (Europe/Berlin)
      next starts: 2026-03-06T17:00:00.000Z, 2026-03-13T17:00:00.000Z, 2026-03-20T17:00:00.000Z

Warnings:
  ! NON_WINDOWS_DP distribution point "dp-linux-1" is not Windows; the download task skips it (groups/berlin.yaml:9:7)
  ! SOURCE_UNREACHABLE update source "vendor" is unreachable: ECONNREFUSED 127.0.0.1:1

1 object recorded but no longer in the config is kept; run with --prune to delete it
  Group "old-office"

Plan: 3 to create, 2 to update, 1 to delete, 1 unchanged; 2 repositories to sync.

`
