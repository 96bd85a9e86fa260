# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_snowjob_global_optspecs
    string join \n profile= region= endpoint-url= o/output= query= dry-run plan= y/yes q/quiet debug no-color max-attempts= connect-timeout= read-timeout= concurrency= cli-error-format= h/help V/version
end

function __fish_snowjob_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_snowjob_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_snowjob_using_subcommand
    set -l cmd (__fish_snowjob_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c snowjob -n "__fish_snowjob_needs_command" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_needs_command" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_needs_command" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_needs_command" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_needs_command" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_needs_command" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_needs_command" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_needs_command" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_needs_command" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_needs_command" -s V -l version -d 'Print version'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "show" -d 'Show jobs: state and edit window left, shipping, capacity, resources, services'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "list" -d 'List jobs; without --all only those still editable (New)'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "clusters" -d 'List clusters; without --all only those still editable (AwaitingQuorum)'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "addresses" -d 'List the account\'s shipping addresses, address ID first'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "set-shipping" -d 'Change the shipping speed, the address or the forwarding address'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "set-capacity" -d 'Change the device capacity'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "add-s3-resource" -d 'Add an S3 bucket, or change one the job has, keeping every other resource'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "remove-s3-resource" -d 'Remove an S3 bucket, keeping every other resource'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "set-nfs-limit" -d 'Set the NFS on-device storage limit, keeping the other on-device services'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "apply" -d 'Apply a YAML or JSON patch of UpdateJob members to jobs'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "history" -d 'Show the edits snowjob has sent, oldest first'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "undo" -d 'Revert each job\'s last recorded edit, through the same checks as any edit'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "edit" -d 'Edit a job\'s members in your editor ($VISUAL, else $EDITOR, else vi)'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "cancel" -d 'Cancel pending jobs (New) or clusters (AwaitingQuorum); irreversible'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "submit" -d 'Send exactly a reviewed plan (written by --plan FILE), or nothing'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "conform" -d 'Keep every pending order to the team\'s standards (standard files)'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "completions" -d 'Print a static shell completion script (options and values, no job IDs)'
complete -c snowjob -n "__fish_snowjob_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand show" -s h -l help -d 'Print help'
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l all -d 'Every job, not only those still editable (New)'
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand list" -s h -l help -d 'Print help'
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l all -d 'Every cluster, not only those still editable (AwaitingQuorum)'
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand clusters" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand addresses" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l speed -d 'Shipping speed' -r -f -a "EXPRESS\t''
NEXT_DAY\t''
SECOND_DAY\t''
STANDARD\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l address-id -d 'The address the device ships to (ADID + UUID); it must exist' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l forwarding-address-id -d 'The address the device is forwarded to after the first (ADID + UUID)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-shipping" -s h -l help -d 'Print help'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l capacity -d 'Device capacity (T100 is 100 TB); it must be one the job\'s device type comes in: V3_5S: T240; V3_5C: T32; RACK_5U_C: T13; EDGE: T100, T98; EDGE_C: T42; EDGE_CG: T42; EDGE_S: T98; STANDARD: T50, T80; SNC1_HDD: T8; SNC1_SSD: T14. NoPreference (AWS chooses) fits every type.' -r -f -a "NoPreference\t''
T100\t''
T13\t''
T14\t''
T240\t''
T32\t''
T42\t''
T50\t''
T8\t''
T80\t''
T98\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-capacity" -s h -l help -d 'Print help'
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l bucket -d 'The bucket: an S3 bucket ARN, or a name (becomes arn:PARTITION:s3:::NAME for the region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l begin-marker -d 'First key of the range to export (inclusive; export jobs only)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l end-marker -d 'Last key of the range to export (inclusive; export jobs only)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l service -d 'On-device service the data goes through; repeat for both (new bucket: s3)' -r -f -a "s3\t''
nfs\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l transfer-option -d 'Transfer direction (new bucket: the job\'s type)' -r -f -a "EXPORT\t''
IMPORT\t''
LOCAL_USE\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand add-s3-resource" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l bucket -d 'The bucket: an S3 bucket ARN, or a name (becomes arn:PARTITION:s3:::NAME for the region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand remove-s3-resource" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l limit -d 'NFS storage limit in whole terabytes, above 0 and not above the device\'s capacity' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand set-nfs-limit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -s f -l file -d 'The patch file, or - for stdin' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand undo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand submit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l watch -d 'A pass every DURATION (30s, 5m, 1h30m; 1s to 24h) until SIGINT or SIGTERM' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l check -d 'Send nothing; exit 7 when some order does not meet the standards'
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand conform" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l profile -d 'Use this profile from the AWS config and credentials files' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l region -d 'The AWS region (else AWS_REGION or the profile\'s region)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l endpoint-url -d 'Send requests to this endpoint instead of the region\'s (e.g. snowball-local)' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''
text\t''
off\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l query -d 'A JMESPath query (as in the AWS CLI) applied to the output\'s JSON document before it is printed in the chosen format; at most 64 levels deep.' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l plan -d 'Plan as --dry-run does, and write the plan (what each order would be sent) to FILE, readable by you only, for `snowjob submit FILE` after review' -r -F
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l max-attempts -d 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l connect-timeout -d 'Seconds to wait for a connection' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l read-timeout -d 'Seconds to wait for a reply' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l concurrency -d 'Jobs handled at once' -r
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l cli-error-format -d 'How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile\'s cli_error_format' -r -f -a "enhanced\t''
legacy\t''
json\t''
yaml\t''
text\t''"
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l dry-run -d 'Show the change and the exact request; send nothing that modifies'
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -s y -l yes -d 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -s q -l quiet -d 'Print only errors (and the output of show, list, addresses and --query)'
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l debug -d 'Trace requests and responses to stderr (credentials and signatures redacted)'
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -l no-color -d 'No colour (also when NO_COLOR is set)'
complete -c snowjob -n "__fish_snowjob_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "show" -d 'Show jobs: state and edit window left, shipping, capacity, resources, services'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "list" -d 'List jobs; without --all only those still editable (New)'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "clusters" -d 'List clusters; without --all only those still editable (AwaitingQuorum)'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "addresses" -d 'List the account\'s shipping addresses, address ID first'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "set-shipping" -d 'Change the shipping speed, the address or the forwarding address'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "set-capacity" -d 'Change the device capacity'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "add-s3-resource" -d 'Add an S3 bucket, or change one the job has, keeping every other resource'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "remove-s3-resource" -d 'Remove an S3 bucket, keeping every other resource'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "set-nfs-limit" -d 'Set the NFS on-device storage limit, keeping the other on-device services'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "apply" -d 'Apply a YAML or JSON patch of UpdateJob members to jobs'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "history" -d 'Show the edits snowjob has sent, oldest first'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "undo" -d 'Revert each job\'s last recorded edit, through the same checks as any edit'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "edit" -d 'Edit a job\'s members in your editor ($VISUAL, else $EDITOR, else vi)'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "cancel" -d 'Cancel pending jobs (New) or clusters (AwaitingQuorum); irreversible'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "submit" -d 'Send exactly a reviewed plan (written by --plan FILE), or nothing'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "conform" -d 'Keep every pending order to the team\'s standards (standard files)'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "completions" -d 'Print a static shell completion script (options and values, no job IDs)'
complete -c snowjob -n "__fish_snowjob_using_subcommand help; and not __fish_seen_subcommand_from show list clusters addresses set-shipping set-capacity add-s3-resource remove-s3-resource set-nfs-limit apply history undo edit cancel submit conform completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
