import Money
import Registry
import SQLKit

/// Imports of reference data: all rows of a file in one transaction, or none.
extension Store {
  /// Inserts or replaces institutions by `fixmedins_code`.
  public func importInstitutions(_ institutions: [Institution]) async throws {
    try await database.transaction { sql in
      for institution in institutions {
        // An upsert, so that re-importing keeps the institution's secret.
        try await sql.raw(
          """
          INSERT INTO institutions (fixmedins_code, fixmedins_name, fixmedins_type, hosp_lv, admdvs, dialysis_partner)
          VALUES (\(bind: institution.code), \(bind: institution.name), \(bind: institution.kind.rawValue),
            \(bind: institution.level), \(bind: institution.admdvs), \(bind: institution.isDialysisPartner ? 1 : 0))
          ON CONFLICT (fixmedins_code) DO UPDATE SET fixmedins_name = excluded.fixmedins_name,
            fixmedins_type = excluded.fixmedins_type, hosp_lv = excluded.hosp_lv, admdvs = excluded.admdvs,
            dialysis_partner = excluded.dialysis_partner
          """
        ).run()
      }
    }
    try await reloadReferences()
  }

  /// Inserts or replaces catalogue items by code and begin date.
  public func importCatalog(_ items: [CatalogItem]) async throws {
    try await database.transaction { sql in
      for item in items {
        try await sql.raw(
          "DELETE FROM catalog_items WHERE med_list_codg = \(bind: item.code) AND begndate = \(bind: item.validity.begin.description)"
        ).run()
        try await sql.raw(
          """
          INSERT INTO catalog_items (med_list_codg, begndate, enddate, med_list_name, list_type, chrgitm_lv,
            med_chrgitm_type, selfpay_prop, pric_uplmt_amt, nego_flag, special_flag)
          VALUES (\(bind: item.code), \(bind: item.validity.begin.description), \(bind: item.validity.end?.description),
            \(bind: item.name), \(bind: item.listType), \(bind: item.level.rawValue), \(bind: item.chargeType),
            \(bind: item.selfPayRatio.fourDecimals), \(bind: item.priceCap?.fen), \(bind: item.isNegotiated ? 1 : 0),
            \(bind: item.isSpecialDrug ? 1 : 0))
          """
        ).run()
      }
    }
    try await reloadReferences()
  }

  /// Inserts or replaces persons and all their insurance rows.
  public func importPersons(_ persons: [Person]) async throws {
    defer { self.persons.withLock { $0 = PersonCache() } }
    try await database.transaction { sql in
      for person in persons {
        try await sql.raw("DELETE FROM insurances WHERE psn_no = \(bind: person.number)").run()
        try await sql.raw("DELETE FROM persons WHERE psn_no = \(bind: person.number)").run()
        try await sql.raw(
          """
          INSERT INTO persons (psn_no, psn_cert_type, certno, psn_name, gend, brdy, admdvs)
          VALUES (\(bind: person.number), \(bind: person.certificateType), \(bind: person.certificateNumber),
            \(bind: person.name), \(bind: person.gender.rawValue), \(bind: person.birthDate.description),
            \(bind: person.admdvs))
          """
        ).run()
        for insurance in person.insurances {
          try await sql.raw(
            """
            INSERT INTO insurances (psn_no, insutype, psn_type, psn_insu_date, cont_years, acct_balc)
            VALUES (\(bind: person.number), \(bind: insurance.insuranceType), \(bind: insurance.personType),
              \(bind: insurance.insuredSince.description), \(bind: insurance.contributionYears),
              \(bind: insurance.accountBalance.fen))
            """
          ).run()
        }
      }
    }
  }

  /// Replaces the identities of every person named in the file. `rows` carry their file line.
  public func importIdentities(_ rows: [(line: Int, personNumber: String, identity: IdentityRecord)]) async throws {
    defer { self.persons.withLock { $0 = PersonCache() } }
    try await database.transaction { sql in
      try await Store.requirePersons(sql, rows.map { ($0.line, $0.personNumber) })
      for number in Set(rows.map(\.personNumber)) {
        try await sql.raw("DELETE FROM identities WHERE psn_no = \(bind: number)").run()
      }
      for row in rows {
        try await sql.raw(
          """
          INSERT INTO identities (psn_no, psn_idet_type, begndate, enddate)
          VALUES (\(bind: row.personNumber), \(bind: row.identity.code), \(bind: row.identity.validity.begin.description),
            \(bind: row.identity.validity.end?.description))
          """
        ).run()
      }
    }
  }

  /// Replaces the qualifications of every person named in the file.
  public func importQualifications(_ rows: [(line: Int, personNumber: String, qualification: Qualification)])
    async throws
  {
    let unknown = rows.first { row in row.qualification.institutionCode.map { institution(code: $0) == nil } ?? false }
    if let unknown {
      throw ReferenceError(
        line: unknown.line, field: "fixmedins_code", value: unknown.qualification.institutionCode ?? "",
        message: "定点医药机构不存在")
    }
    defer { self.persons.withLock { $0 = PersonCache() } }
    try await database.transaction { sql in
      try await Store.requirePersons(sql, rows.map { ($0.line, $0.personNumber) })
      for number in Set(rows.map(\.personNumber)) {
        try await sql.raw("DELETE FROM qualifications WHERE psn_no = \(bind: number)").run()
      }
      for row in rows {
        let qualification = row.qualification
        try await sql.raw(
          """
          INSERT INTO qualifications (psn_no, dise_codg, begndate, enddate, fixmedins_code, course_no, insulin_flag)
          VALUES (\(bind: row.personNumber), \(bind: qualification.diseaseCode),
            \(bind: qualification.validity.begin.description), \(bind: qualification.validity.end?.description),
            \(bind: qualification.institutionCode), \(bind: qualification.courseNumber),
            \(bind: qualification.usesInsulin ? 1 : 0))
          """
        ).run()
      }
    }
  }

  static func requirePersons(_ sql: any SQLDatabase, _ rows: [(line: Int, number: String)]) async throws {
    let known = Set(try await sql.raw("SELECT psn_no FROM persons").all().map { try $0.string("psn_no") })
    if let missing = rows.first(where: { !known.contains($0.number) }) {
      throw ReferenceError(line: missing.line, field: "psn_no", value: missing.number, message: "人员不存在")
    }
  }
}

/// A row that refers to something the store does not have.
public struct ReferenceError: Error, Sendable, CustomStringConvertible {
  public let line: Int
  public let field: String
  public let value: String
  public let message: String
  public var description: String { "第\(line)行 \(field)=“\(value)”：\(message)" }
}
