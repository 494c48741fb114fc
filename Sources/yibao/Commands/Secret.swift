import ArgumentParser
import Foundation

/// `yibao secret CODE`: sets an institution's gateway secret and prints it.
struct Secret: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "设置（或随机生成）定点医药机构的接口密钥并打印。")

  @Argument(help: "定点医药机构编号。") var institution: String
  @Option(help: "密钥；省略时随机生成。") var value: String?
  @OptionGroup var database: DatabaseOption

  func run() async throws {
    let store = try await database.open()
    guard store.institution(code: institution) != nil else { throw ValidationError("定点医药机构\(institution)不存在") }
    let secret = value ?? (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    try await store.setSecret(secret, institutionCode: institution)
    try await store.close()
    print("\(institution) \(secret)")
  }
}
