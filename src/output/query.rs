//! `--query`: a JMESPath expression applied to a command's JSON document, as
//! the AWS CLI applies it (same language, same functions). Pure.
//!
//! The `jmespath` crate keeps objects in key order; the AWS CLI keeps them in
//! the order they came in. Results are put back in that order: the keys of a
//! multi-select hash (`{Id: JobId, State: JobState}`) in the expression's
//! order, every other key in the order the document first has it.

use std::collections::HashMap;
use std::sync::LazyLock;

use jmespath::ast::Ast;
use jmespath::functions::Function;
use jmespath::{Context, ErrorReason, JmespathError, Rcvar, Runtime, SearchResult};
use serde_json::{Map, Value as Json};

use crate::text::MAX_QUOTED;

/// A JMESPath expression, checked when it is parsed.
#[derive(Clone, Debug)]
pub struct Query {
    expression: String,
}

/// How deep an expression may nest (see [`nesting`]). The `jmespath` crate
/// parses, runs and drops an expression recursively, one call per level, so
/// a deeper one could exhaust the stack; real queries stay well under 20.
pub const MAX_NESTING: usize = 64;

impl Query {
    /// The expression, or why it is not one, naming the column and showing it.
    pub fn parse(text: &str) -> Result<Query, String> {
        // Measured on the text, before the parser could recurse that deep.
        if nesting(text) > MAX_NESTING {
            return Err(format!(
                "the expression is more than {MAX_NESTING} levels deep (each bracket, parenthesis or brace, and each chained . | || && ! & * or comparison, counts one level); simplify it"
            ));
        }
        let text = legacy_literals(text);
        RUNTIME
            .compile(&text)
            .map_err(|e| format!("not a JMESPath expression: {}", explain(&e)))?;
        Ok(Query { expression: text })
    }

    /// The expression as compiled (legacy literals as the strings they mean).
    pub fn as_str(&self) -> &str {
        &self.expression
    }

    /// The expression's result on `document`; an error is one of the data
    /// (a function given a value of the wrong type, ...).
    pub fn search(&self, document: &Json) -> Result<Json, String> {
        let expr = RUNTIME.compile(&self.expression).map_err(|e| explain(&e))?;
        let result = expr.search(document).map_err(|e| explain(&e))?;
        // The result shares the values it repeats (`[@, @] | [@, @] | …`
        // doubles it at each step in a few characters); written out, it
        // could fill the memory. Count it first.
        let limit = MIN_RESULT_VALUES.max(values_in(document).saturating_mul(RESULT_GROWTH));
        if !fits(&result, &mut { limit }) {
            return Err(format!(
                "the result would hold more than {limit} values, far more than the document it is drawn from; simplify the expression"
            ));
        }
        let result = whole_numbers(serde_json::to_value(&*result).map_err(|e| e.to_string())?);
        let mut ranks = KeyRanks::default();
        ranks.add_expression(expr.as_ast());
        ranks.add_document(document);
        Ok(ranks.reorder(result))
    }
}

/// The AWS CLI's functions, with `to_string` bounded: the one function that
/// writes out a value whole, which a few characters can make too large (see
/// [`fits`]).
static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    let mut runtime = Runtime::new();
    runtime.register_builtin_functions();
    if let Some(builtin) = runtime.deregister_function("to_string") {
        runtime.register_function("to_string", Box::new(BoundedToString(builtin)));
    }
    runtime
});

struct BoundedToString(Box<dyn Function>);

impl Function for BoundedToString {
    fn evaluate(&self, args: &[Rcvar], ctx: &mut Context<'_>) -> SearchResult {
        if let Some(value) = args.first()
            && !fits(value, &mut { MIN_RESULT_VALUES })
        {
            let why = format!(
                "to_string would write out more than {MIN_RESULT_VALUES} values; simplify the expression"
            );
            return Err(JmespathError::from_ctx(ctx, ErrorReason::Parse(why)));
        }
        self.0.evaluate(args, ctx)
    }
}

/// A result may hold this many times the values of its document…
const RESULT_GROWTH: usize = 16;
/// …or this many, whichever is more: a few hundred megabytes written out.
const MIN_RESULT_VALUES: usize = 1_000_000;

/// How many values (objects, arrays, strings, numbers…) a document holds.
fn values_in(document: &Json) -> usize {
    1 + match document {
        Json::Array(items) => items.iter().map(values_in).sum(),
        Json::Object(map) => map.values().map(values_in).sum(),
        _ => 0,
    }
}

/// Whether `value`, written out, holds at most `budget` values: counted one
/// by one, shared ones as often as they appear, stopping at the budget.
fn fits(value: &jmespath::Variable, budget: &mut usize) -> bool {
    use jmespath::Variable;
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match value {
        Variable::Array(items) => items.iter().all(|item| fits(item, budget)),
        Variable::Object(map) => map.values().all(|item| fits(item, budget)),
        _ => true,
    }
}

/// How deep an expression nests, counted on its text so that the count is
/// known before any parsing: an upper bound of the depth of its syntax tree.
/// Every token that can add a level to the tree (an opening bracket,
/// parenthesis or brace; `.`, `|`, `||`, `&&`, `!`, `&`, `*` and the
/// comparisons) counts one at its own level, and the count of each open group
/// is added to those around it. A `,` or `:` starts a sibling, which is parsed
/// on its own, so it starts its group's count again. Strings, quoted names and
/// JSON literals are skipped as the `jmespath` lexer reads them (a `\` escapes
/// the next character); an unclosed one ends the count, as the lexer then
/// refuses the expression before parsing.
fn nesting(text: &str) -> usize {
    // The count of each open group, the sum of them all, the deepest sum seen.
    let mut groups: Vec<usize> = vec![0];
    let (mut total, mut deepest) = (0usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut opens = false;
        match c {
            '\'' | '"' | '`' => {
                loop {
                    match chars.next() {
                        None => return deepest,
                        Some('\\') => {
                            chars.next();
                        }
                        Some(end) if end == c => break,
                        Some(_) => {}
                    }
                }
                continue;
            }
            '[' | '(' | '{' => opens = true,
            ']' | ')' | '}' => {
                if groups.len() > 1 {
                    total -= groups.pop().unwrap_or(0);
                }
                continue;
            }
            ',' | ':' => {
                if let Some(count) = groups.last_mut() {
                    total -= *count;
                    *count = 0;
                }
                continue;
            }
            '|' | '&' | '=' | '!' | '<' | '>' => {
                // A two-character operator (`||`, `&&`, `==`, `!=`, `<=`, `>=`) counts once.
                let second = if matches!(c, '|' | '&') { c } else { '=' };
                if chars.peek() == Some(&second) {
                    chars.next();
                }
            }
            '.' | '*' => {}
            _ => continue,
        }
        if let Some(count) = groups.last_mut() {
            *count += 1;
        }
        total += 1;
        deepest = deepest.max(total);
        if opens {
            groups.push(0);
        }
    }
    deepest
}

/// JMESPath computes in doubles; a whole number comes back as an integer, as
/// the AWS CLI prints `sum(...)` or `length(...)`.
fn whole_numbers(value: Json) -> Json {
    match value {
        Json::Number(n) if n.is_f64() => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 => {
                Json::from(x as i64)
            }
            _ => Json::Number(n),
        },
        Json::Array(items) => Json::Array(items.into_iter().map(whole_numbers).collect()),
        Json::Object(map) => Json::Object(
            map.into_iter()
                .map(|(k, v)| (k, whole_numbers(v)))
                .collect(),
        ),
        other => other,
    }
}

/// What went wrong and where: the column, and the expression with a caret
/// under it; of a long expression, the part around the column. The reason
/// can quote the expression too (an unclosed string): it is cut as short.
fn explain(e: &JmespathError) -> String {
    let reason = match &e.reason {
        ErrorReason::Parse(reason) => reason.clone(),
        ErrorReason::Runtime(reason) => reason.to_string(),
    };
    let mut short: String = reason.chars().take(MAX_QUOTED).collect();
    if short.len() < reason.len() {
        short.push('…');
    }
    let (excerpt, caret) = excerpt(&e.expression, e.column);
    format!(
        "{short} at column {}\n  {excerpt}\n  {}^",
        e.column + 1,
        " ".repeat(caret)
    )
}

/// At most [`MAX_QUOTED`] characters of `expression` around `column` (`…`
/// marks a cut), and the column's place in them.
fn excerpt(expression: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = expression.chars().collect();
    if chars.len() <= MAX_QUOTED {
        return (expression.to_string(), column);
    }
    let start = column
        .saturating_sub(MAX_QUOTED / 2)
        .min(chars.len() - MAX_QUOTED);
    let end = start + MAX_QUOTED;
    let mut shown = String::new();
    let mut caret = column.saturating_sub(start);
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// The position each object key should have.
#[derive(Default)]
struct KeyRanks(HashMap<String, usize>);

impl KeyRanks {
    fn add(&mut self, key: &str) {
        let next = self.0.len();
        self.0.entry(key.to_string()).or_insert(next);
    }

    /// Multi-select hash keys, in the expression's order.
    fn add_expression(&mut self, ast: &Ast) {
        match ast {
            Ast::MultiHash { elements, .. } => {
                for pair in elements {
                    self.add(&pair.key);
                }
                for pair in elements {
                    self.add_expression(&pair.value);
                }
            }
            Ast::Comparison { lhs, rhs, .. }
            | Ast::Projection { lhs, rhs, .. }
            | Ast::And { lhs, rhs, .. }
            | Ast::Or { lhs, rhs, .. }
            | Ast::Subexpr { lhs, rhs, .. } => {
                self.add_expression(lhs);
                self.add_expression(rhs);
            }
            Ast::Condition {
                predicate, then, ..
            } => {
                self.add_expression(predicate);
                self.add_expression(then);
            }
            Ast::Expref { ast: node, .. }
            | Ast::Flatten { node, .. }
            | Ast::Not { node, .. }
            | Ast::ObjectValues { node, .. } => self.add_expression(node),
            Ast::Function { args: nodes, .. }
            | Ast::MultiList {
                elements: nodes, ..
            } => nodes.iter().for_each(|n| self.add_expression(n)),
            Ast::Identity { .. }
            | Ast::Field { .. }
            | Ast::Index { .. }
            | Ast::Literal { .. }
            | Ast::Slice { .. } => {}
        }
    }

    /// The document's keys, in the order it first has them.
    fn add_document(&mut self, value: &Json) {
        match value {
            Json::Object(map) => {
                map.keys().for_each(|k| self.add(k));
                map.values().for_each(|v| self.add_document(v));
            }
            Json::Array(items) => items.iter().for_each(|v| self.add_document(v)),
            _ => {}
        }
    }

    fn reorder(&self, value: Json) -> Json {
        match value {
            Json::Object(map) => {
                let mut entries: Vec<(String, Json)> = map.into_iter().collect();
                entries.sort_by_key(|(k, _)| self.0.get(k).copied().unwrap_or(usize::MAX));
                Json::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k, self.reorder(v)))
                        .collect::<Map<_, _>>(),
                )
            }
            Json::Array(items) => Json::Array(items.into_iter().map(|v| self.reorder(v)).collect()),
            other => other,
        }
    }
}

/// The AWS CLI's dialect: a backtick literal that is not JSON (`` `New` ``,
/// deprecated but all over its documentation) is the string it spells, as
/// jmespath.py reads it; every other literal is kept as written.
fn legacy_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let body = &rest[start + 1..];
        // The literal ends at the first backtick not escaped by a backslash.
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '`' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else {
            // Unterminated: left for the parser to refuse.
            out.push_str(&rest[start..]);
            return out;
        };
        let literal = &body[..end];
        let json = literal.replace("\\`", "`");
        if serde_json::from_str::<Json>(&json).is_ok() {
            out.push('`');
            out.push_str(literal);
            out.push('`');
        } else {
            let string = Json::String(json.trim_start().to_string()).to_string();
            out.push('`');
            out.push_str(&string.replace('`', "\\`"));
            out.push('`');
        }
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legacy_literal_is_the_string_it_spells() {
        let doc = serde_json::json!([{"s": "New", "n": 1}, {"s": "Old", "n": 2}]);
        let q = Query::parse("[?s==`New`].n").unwrap();
        assert_eq!(q.search(&doc).unwrap(), serde_json::json!([1]));
        // JSON literals keep their meaning; an escaped backtick stays in the string.
        let q = Query::parse("[?n==`2`].s").unwrap();
        assert_eq!(q.search(&doc).unwrap(), serde_json::json!(["Old"]));
        let doc = serde_json::json!([{"s": "a`b", "n": 3}]);
        let q = Query::parse("[?s==`a\\`b`].n").unwrap();
        assert_eq!(q.search(&doc).unwrap(), serde_json::json!([3]));
        assert!(Query::parse("[?s==`New").is_err());
    }
    use serde_json::json;

    #[test]
    fn whole_numbers_stay_integers() {
        assert_eq!(search("sum(@)", &json!([1, 2])), json!(3));
        assert_eq!(search("length(@)", &json!([1, 2])), json!(2));
        assert_eq!(search("[0]", &json!([2.5])), json!(2.5));
    }

    fn search(expr: &str, doc: &Json) -> Json {
        Query::parse(expr).unwrap().search(doc).unwrap()
    }

    fn results() -> Json {
        json!([
            {"JobId": "JID1", "Outcome": "planned", "Changes": [{"Field": "Resources"}]},
            {"JobId": "JID2", "Outcome": "unchanged", "Changes": []},
            {"JobId": "JID3", "Outcome": "planned", "Changes": [{"Field": "ShippingOption"}]}
        ])
    }

    #[test]
    fn filters_projections_and_functions_as_the_aws_cli() {
        assert_eq!(
            search("[?Outcome=='planned'] | length(@)", &results()),
            json!(2)
        );
        assert_eq!(
            search("[?Outcome=='planned'].JobId", &results()),
            json!(["JID1", "JID3"])
        );
        assert_eq!(
            search("[].Changes[].Field", &results()),
            json!(["Resources", "ShippingOption"])
        );
        assert_eq!(search("[0].Missing", &results()), Json::Null);
        assert_eq!(
            search("sort_by(@, &JobId)[-1].JobId", &results()),
            json!("JID3")
        );
    }

    #[test]
    fn objects_keep_the_order_of_the_document_and_the_expression() {
        let doc = json!([{"Zeta": 1, "Alpha": {"Y": 2, "B": 3}}]);
        let out = search("[0]", &doc);
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"Zeta":1,"Alpha":{"Y":2,"B":3}}"#
        );
        let out = search("[].{Z: Zeta, A: Alpha.B, Mid: Alpha.Y}", &doc);
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"[{"Z":1,"A":3,"Mid":2}]"#
        );
    }

    #[test]
    fn an_invalid_expression_names_the_column() {
        let err = Query::parse("[?Outcome=='planned'").unwrap_err();
        assert!(err.contains("column"), "{err}");
        let err = Query::parse("JobMetadata.[").unwrap_err();
        assert!(err.contains("column 14"), "{err}");
        assert!(err.ends_with("             ^"), "{err}");
    }

    #[test]
    fn nesting_counts_every_level_the_parser_could_recurse_into() {
        for (text, depth) in [
            ("JobId", 0),
            ("[0].JobId", 2),
            ("a.b.c", 2),
            ("a || b && !c", 3),
            ("[?Outcome=='planned'] | length(@)", 3),
            ("{a: x.y, b: [p, q.r]}", 3),
            ("((a))", 2),
            ("f(a.b, c)", 2),
            ("'((((' == `\"[[[[\"`", 1),
            (r#""a\"((" == b"#, 1),
            ("[[", 2),
            ("'unclosed ((((", 0),
            ("]]]]((", 2),
        ] {
            assert_eq!(nesting(text), depth, "{text}");
        }
    }

    #[test]
    fn an_expression_nested_too_deeply_is_refused_before_parsing() {
        let at_limit = format!("{}@{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert!(Query::parse(&at_limit).is_ok());
        let chain = format!("a{}", ".a".repeat(MAX_NESTING));
        assert!(Query::parse(&chain).is_ok());
        for deep in [
            "[".repeat(1_000_000),
            format!("{}@", "(".repeat(MAX_NESTING + 1)),
            format!("a{}", ".a".repeat(MAX_NESTING + 1)),
            format!("{}a", "!".repeat(100_000)),
            "@|".repeat(100_000),
            format!("{}a", "{a: ".repeat(100_000)),
            format!("a{}", " || a".repeat(100_000)),
            format!("a{}", "[0]".repeat(100_000)),
            // Strings cannot hide levels: only real closing brackets end one.
            format!("{}a", "('))))' && ".repeat(1_000)),
        ] {
            let err = Query::parse(&deep).unwrap_err();
            assert!(err.contains("levels deep"), "{err}");
        }
    }

    #[test]
    fn a_long_expression_is_shown_around_the_column_only() {
        let long = format!("{}[?a == 'unclosed{}", "a ".repeat(500), " b".repeat(500));
        let err = Query::parse(&long).unwrap_err();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() < 2 * MAX_QUOTED + 50),
            "{err}"
        );
        // The caret stands under the column the reason names.
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('\''), "{err}");
    }

    #[test]
    fn a_result_that_repeats_itself_past_the_limit_is_refused() {
        let doubling = ["[@, @]"; 30].join(" | ");
        let err = Query::parse(&doubling)
            .unwrap()
            .search(&results())
            .unwrap_err();
        assert!(err.contains("more than 1000000 values"), "{err}");
        let err = Query::parse(&format!("to_string({doubling})"))
            .unwrap()
            .search(&results())
            .unwrap_err();
        assert!(err.contains("to_string would write out"), "{err}");
        assert_eq!(search("to_string([0].JobId)", &results()), json!("JID1"));
        // A few copies are fine.
        let copies = ["[@, @]"; 4].join(" | ");
        let out = search(&format!("{copies} | length(@)"), &results());
        assert_eq!(out, json!(2));
    }

    #[test]
    fn a_type_error_in_the_data_is_reported() {
        let err = Query::parse("length([0].Changes[0].Missing)")
            .unwrap()
            .search(&results())
            .unwrap_err();
        assert!(
            err.contains("expects type") && err.contains("column"),
            "{err}"
        );
    }
}
