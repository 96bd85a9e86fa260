
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'snowjob' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'snowjob'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'snowjob' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show jobs: state and edit window left, shipping, capacity, resources, services')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List jobs; without --all only those still editable (New)')
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'List clusters; without --all only those still editable (AwaitingQuorum)')
            [CompletionResult]::new('addresses', 'addresses', [CompletionResultType]::ParameterValue, 'List the account''s shipping addresses, address ID first')
            [CompletionResult]::new('set-shipping', 'set-shipping', [CompletionResultType]::ParameterValue, 'Change the shipping speed, the address or the forwarding address')
            [CompletionResult]::new('set-capacity', 'set-capacity', [CompletionResultType]::ParameterValue, 'Change the device capacity')
            [CompletionResult]::new('add-s3-resource', 'add-s3-resource', [CompletionResultType]::ParameterValue, 'Add an S3 bucket, or change one the job has, keeping every other resource')
            [CompletionResult]::new('remove-s3-resource', 'remove-s3-resource', [CompletionResultType]::ParameterValue, 'Remove an S3 bucket, keeping every other resource')
            [CompletionResult]::new('set-nfs-limit', 'set-nfs-limit', [CompletionResultType]::ParameterValue, 'Set the NFS on-device storage limit, keeping the other on-device services')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a YAML or JSON patch of UpdateJob members to jobs')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the edits snowjob has sent, oldest first')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Revert each job''s last recorded edit, through the same checks as any edit')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a job''s members in your editor ($VISUAL, else $EDITOR, else vi)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel pending jobs (New) or clusters (AwaitingQuorum); irreversible')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Send exactly a reviewed plan (written by --plan FILE), or nothing')
            [CompletionResult]::new('conform', 'conform', [CompletionResultType]::ParameterValue, 'Keep every pending order to the team''s standards (standard files)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static shell completion script (options and values, no job IDs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowjob;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'snowjob;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every job, not only those still editable (New)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'snowjob;clusters' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every cluster, not only those still editable (AwaitingQuorum)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;addresses' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;set-shipping' {
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Shipping speed')
            [CompletionResult]::new('--address-id', '--address-id', [CompletionResultType]::ParameterName, 'The address the device ships to (ADID + UUID); it must exist')
            [CompletionResult]::new('--forwarding-address-id', '--forwarding-address-id', [CompletionResultType]::ParameterName, 'The address the device is forwarded to after the first (ADID + UUID)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'snowjob;set-capacity' {
            [CompletionResult]::new('--capacity', '--capacity', [CompletionResultType]::ParameterName, 'Device capacity (T100 is 100 TB); it must be one the job''s device type comes in: V3_5S: T240; V3_5C: T32; RACK_5U_C: T13; EDGE: T100, T98; EDGE_C: T42; EDGE_CG: T42; EDGE_S: T98; STANDARD: T50, T80; SNC1_HDD: T8; SNC1_SSD: T14. NoPreference (AWS chooses) fits every type.')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'snowjob;add-s3-resource' {
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'The bucket: an S3 bucket ARN, or a name (becomes arn:PARTITION:s3:::NAME for the region)')
            [CompletionResult]::new('--begin-marker', '--begin-marker', [CompletionResultType]::ParameterName, 'First key of the range to export (inclusive; export jobs only)')
            [CompletionResult]::new('--end-marker', '--end-marker', [CompletionResultType]::ParameterName, 'Last key of the range to export (inclusive; export jobs only)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'On-device service the data goes through; repeat for both (new bucket: s3)')
            [CompletionResult]::new('--transfer-option', '--transfer-option', [CompletionResultType]::ParameterName, 'Transfer direction (new bucket: the job''s type)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;remove-s3-resource' {
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'The bucket: an S3 bucket ARN, or a name (becomes arn:PARTITION:s3:::NAME for the region)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;set-nfs-limit' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'NFS storage limit in whole terabytes, above 0 and not above the device''s capacity')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The patch file, or - for stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The patch file, or - for stdin')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;history' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;undo' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;edit' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;cancel' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;submit' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;conform' {
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'A pass every DURATION (30s, 5m, 1h30m; 1s to 24h) until SIGINT or SIGTERM')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Send nothing; exit 7 when some order does not meet the standards')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile from the AWS config and credentials files')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region (else AWS_REGION or the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a reply')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Jobs handled at once')
            [CompletionResult]::new('--cli-error-format', '--cli-error-format', [CompletionResultType]::ParameterName, 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile''s cli_error_format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change and the exact request; send nothing that modifies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (before editing several jobs, or sending an edit)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (and the output of show, list, addresses and --query)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Trace requests and responses to stderr (credentials and signatures redacted)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'snowjob;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show jobs: state and edit window left, shipping, capacity, resources, services')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List jobs; without --all only those still editable (New)')
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'List clusters; without --all only those still editable (AwaitingQuorum)')
            [CompletionResult]::new('addresses', 'addresses', [CompletionResultType]::ParameterValue, 'List the account''s shipping addresses, address ID first')
            [CompletionResult]::new('set-shipping', 'set-shipping', [CompletionResultType]::ParameterValue, 'Change the shipping speed, the address or the forwarding address')
            [CompletionResult]::new('set-capacity', 'set-capacity', [CompletionResultType]::ParameterValue, 'Change the device capacity')
            [CompletionResult]::new('add-s3-resource', 'add-s3-resource', [CompletionResultType]::ParameterValue, 'Add an S3 bucket, or change one the job has, keeping every other resource')
            [CompletionResult]::new('remove-s3-resource', 'remove-s3-resource', [CompletionResultType]::ParameterValue, 'Remove an S3 bucket, keeping every other resource')
            [CompletionResult]::new('set-nfs-limit', 'set-nfs-limit', [CompletionResultType]::ParameterValue, 'Set the NFS on-device storage limit, keeping the other on-device services')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a YAML or JSON patch of UpdateJob members to jobs')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the edits snowjob has sent, oldest first')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Revert each job''s last recorded edit, through the same checks as any edit')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a job''s members in your editor ($VISUAL, else $EDITOR, else vi)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel pending jobs (New) or clusters (AwaitingQuorum); irreversible')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Send exactly a reviewed plan (written by --plan FILE), or nothing')
            [CompletionResult]::new('conform', 'conform', [CompletionResultType]::ParameterValue, 'Keep every pending order to the team''s standards (standard files)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static shell completion script (options and values, no job IDs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowjob;help;show' {
            break
        }
        'snowjob;help;list' {
            break
        }
        'snowjob;help;clusters' {
            break
        }
        'snowjob;help;addresses' {
            break
        }
        'snowjob;help;set-shipping' {
            break
        }
        'snowjob;help;set-capacity' {
            break
        }
        'snowjob;help;add-s3-resource' {
            break
        }
        'snowjob;help;remove-s3-resource' {
            break
        }
        'snowjob;help;set-nfs-limit' {
            break
        }
        'snowjob;help;apply' {
            break
        }
        'snowjob;help;history' {
            break
        }
        'snowjob;help;undo' {
            break
        }
        'snowjob;help;edit' {
            break
        }
        'snowjob;help;cancel' {
            break
        }
        'snowjob;help;submit' {
            break
        }
        'snowjob;help;conform' {
            break
        }
        'snowjob;help;completions' {
            break
        }
        'snowjob;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
