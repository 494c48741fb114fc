import ArgumentParser
import Foundation
import Registry
import Store

/// `yibao import <kind> FILE.csv`: all rows or none.
struct Import: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "导入参考数据（CSV，UTF-8，带表头）；任何一行有误则整个文件都不导入。")

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case institutions, catalog, persons, identities, qualifications
  }

  @Argument(help: "institutions | catalog | persons | identities | qualifications") var kind: Kind
  @Argument(help: "CSV 文件。") var file: String
  @OptionGroup var database: DatabaseOption

  func run() async throws {
    let store = try await database.open()
    defer { Task { try? await store.close() } }
    do {
      let count = try await Import.load(kind, file: file, into: store)
      print("✓ 已导入 \(count) 行 \(kind.rawValue)（\(file)）")
    } catch let errors as ImportErrors {
      print("✗ \(file)：未导入任何数据")
      for error in errors.errors { print("  \(error)") }
      throw ExitCode(1)
    } catch let error as ReferenceError {
      print("✗ \(file)：未导入任何数据\n  \(error)")
      throw ExitCode(1)
    }
  }

  /// Parses a file and imports it; answers the number of rows.
  static func load(_ kind: Kind, file: String, into store: Store) async throws -> Int {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    switch kind {
    case .institutions:
      let rows = try ReferenceImport.institutions(text)
      try await store.importInstitutions(rows)
      return rows.count
    case .catalog:
      let rows = try ReferenceImport.catalog(text)
      try await store.importCatalog(rows)
      return rows.count
    case .persons:
      let persons = try ReferenceImport.persons(text)
      try await store.importPersons(persons)
      return persons.reduce(0) { $0 + $1.insurances.count }
    case .identities:
      let rows = try ReferenceImport.identities(text)
      let lines = try CSVTable(text, columns: ReferenceImport.identityColumns).rows.map(\.line)
      try await store.importIdentities(zip(lines, rows).map { ($0, $1.personNumber, $1.identity) })
      return rows.count
    case .qualifications:
      let rows = try ReferenceImport.qualifications(text)
      let lines = try CSVTable(text, columns: ReferenceImport.qualificationColumns).rows.map(\.line)
      try await store.importQualifications(zip(lines, rows).map { ($0, $1.personNumber, $1.qualification) })
      return rows.count
    }
  }
}
