
use builtin;
use str;

set edit:completion:arg-completer[snowjob] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'snowjob'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'snowjob'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show jobs: state and edit window left, shipping, capacity, resources, services'
            cand list 'List jobs; without --all only those still editable (New)'
            cand addresses 'List the account''s shipping addresses, address ID first'
            cand set-shipping 'Change the shipping speed, the address or the forwarding address'
            cand set-capacity 'Change the device capacity'
            cand add-s3-resource 'Add an S3 bucket, or change one the job has, keeping every other resource'
            cand remove-s3-resource 'Remove an S3 bucket, keeping every other resource'
            cand set-nfs-limit 'Set the NFS on-device storage limit, keeping the other on-device services'
            cand apply 'Apply a YAML or JSON patch of UpdateJob members to jobs'
            cand history 'Show the edits snowjob has sent, oldest first'
            cand undo 'Revert each job''s last recorded edit, through the same checks as any edit'
            cand edit 'Edit a job''s members in your editor ($VISUAL, else $EDITOR, else vi)'
            cand completions 'Print a static shell completion script (options and values, no job IDs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowjob;show'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'snowjob;list'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --all 'Every job, not only those still editable (New)'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'snowjob;addresses'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;set-shipping'= {
            cand --speed 'Shipping speed'
            cand --address-id 'The address the device ships to (ADID + UUID); it must exist'
            cand --forwarding-address-id 'The address the device is forwarded to after the first (ADID + UUID)'
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'snowjob;set-capacity'= {
            cand --capacity 'Device capacity (T100 is 100 TB); it must be one the job''s device type comes in: V3_5S: T240; V3_5C: T32; RACK_5U_C: T13; EDGE: T100, T98; EDGE_C: T42; EDGE_CG: T42; EDGE_S: T98; STANDARD: T50, T80; SNC1_HDD: T8; SNC1_SSD: T14. NoPreference (AWS chooses) fits every type.'
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'snowjob;add-s3-resource'= {
            cand --bucket 'The bucket: an S3 bucket ARN, or a name (becomes arn:PARTITION:s3:::NAME for the region)'
            cand --begin-marker 'First key of the range to export (inclusive; export jobs only)'
            cand --end-marker 'Last key of the range to export (inclusive; export jobs only)'
            cand --service 'On-device service the data goes through; repeat for both (new bucket: s3)'
            cand --transfer-option 'Transfer direction (new bucket: the job''s type)'
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;remove-s3-resource'= {
            cand --bucket 'The bucket: an S3 bucket ARN, or a name (becomes arn:PARTITION:s3:::NAME for the region)'
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;set-nfs-limit'= {
            cand --limit 'NFS storage limit in whole terabytes, above 0 and not above the device''s capacity'
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;apply'= {
            cand -f 'The patch file, or - for stdin'
            cand --file 'The patch file, or - for stdin'
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;history'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;undo'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;edit'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;completions'= {
            cand --profile 'Use this profile from the AWS config and credentials files'
            cand --region 'The AWS region (else AWS_REGION or the profile''s region)'
            cand --endpoint-url 'Send requests to this endpoint instead of the region''s (e.g. snowball-local)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --query 'A JMESPath query (as in the AWS CLI) applied to the output''s JSON document before it is printed in the chosen format; at most 64 levels deep.'
            cand --max-attempts 'Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count'
            cand --connect-timeout 'Seconds to wait for a connection'
            cand --read-timeout 'Seconds to wait for a reply'
            cand --concurrency 'Jobs handled at once'
            cand --dry-run 'Show the change and the exact request; send nothing that modifies'
            cand -y 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand --yes 'Do not ask for confirmation (before editing several jobs, or sending an edit)'
            cand -q 'Print only errors (and the output of show, list, addresses and --query)'
            cand --quiet 'Print only errors (and the output of show, list, addresses and --query)'
            cand --debug 'Trace requests and responses to stderr (credentials and signatures redacted)'
            cand --no-color 'No colour (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'snowjob;help'= {
            cand show 'Show jobs: state and edit window left, shipping, capacity, resources, services'
            cand list 'List jobs; without --all only those still editable (New)'
            cand addresses 'List the account''s shipping addresses, address ID first'
            cand set-shipping 'Change the shipping speed, the address or the forwarding address'
            cand set-capacity 'Change the device capacity'
            cand add-s3-resource 'Add an S3 bucket, or change one the job has, keeping every other resource'
            cand remove-s3-resource 'Remove an S3 bucket, keeping every other resource'
            cand set-nfs-limit 'Set the NFS on-device storage limit, keeping the other on-device services'
            cand apply 'Apply a YAML or JSON patch of UpdateJob members to jobs'
            cand history 'Show the edits snowjob has sent, oldest first'
            cand undo 'Revert each job''s last recorded edit, through the same checks as any edit'
            cand edit 'Edit a job''s members in your editor ($VISUAL, else $EDITOR, else vi)'
            cand completions 'Print a static shell completion script (options and values, no job IDs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowjob;help;show'= {
        }
        &'snowjob;help;list'= {
        }
        &'snowjob;help;addresses'= {
        }
        &'snowjob;help;set-shipping'= {
        }
        &'snowjob;help;set-capacity'= {
        }
        &'snowjob;help;add-s3-resource'= {
        }
        &'snowjob;help;remove-s3-resource'= {
        }
        &'snowjob;help;set-nfs-limit'= {
        }
        &'snowjob;help;apply'= {
        }
        &'snowjob;help;history'= {
        }
        &'snowjob;help;undo'= {
        }
        &'snowjob;help;edit'= {
        }
        &'snowjob;help;completions'= {
        }
        &'snowjob;help;help'= {
        }
    ]
    $completions[$command]
}
