//! `addresses`: the account's shipping addresses.

use super::*;

/// `addresses` columns, as (table header, Address member); text output has
/// the same columns, address ID first.
const ADDRESS_COLUMNS: &[(&str, &str)] = &[
    ("Address ID", "AddressId"),
    ("Name", "Name"),
    ("Company", "Company"),
    ("Street", "Street1"),
    ("City", "City"),
    ("State", "StateOrProvince"),
    ("Postal code", "PostalCode"),
    ("Country", "Country"),
    ("Phone", "PhoneNumber"),
];

/// `addresses`: an array of Address, a table, or a line per address.
pub fn addresses(addresses: &[Json], format: Format, style: &Style) -> String {
    if let Some(out) = machine(&addresses, format) {
        return out;
    }
    let addresses: Vec<Json> = addresses.iter().map(escaped).collect();
    let addresses = &addresses;
    let columns = |a: &Json| -> Vec<String> {
        ADDRESS_COLUMNS
            .iter()
            .map(|(_, key)| field(a, key).to_string())
            .collect()
    };
    if format == Format::Text {
        return text_lines(addresses.iter().map(columns));
    }
    if addresses.is_empty() {
        return "No addresses.\n".into();
    }
    let mut table = new_table(style);
    table.set_header(ADDRESS_COLUMNS.iter().map(|(header, _)| *header));
    for a in addresses {
        table.add_row(columns(a));
    }
    keep_whole(
        &mut table,
        0,
        widest(addresses.iter().map(|a| field(a, "AddressId"))),
    );
    table.to_string() + "\n"
}
