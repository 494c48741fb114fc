import ArgumentParser
import Foundation
import Policy

/// `yibao policy check PATH`.
struct PolicyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "policy", abstract: "待遇政策文件。", subcommands: [Check.self])

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "校验一个政策文件或目录；有错误时列出并以状态1退出。")

    @Argument(help: "政策文件或目录（如 Regions/370400/policy）。")
    var path: String

    func run() async throws {
      do {
        let region = try RegionFiles.loadPolicy(at: path)
        let versions = region.versions.map { "\($0.id) \($0.validity.begin)–\($0.validity.end?.description ?? "")" }
        print("✓ \(region.code) \(region.name)：\(versions.joined(separator: ", "))")
      } catch let errors as PolicyErrors {
        for problem in errors.problems { print("✗ \(problem)") }
        throw ExitCode(1)
      }
    }
  }
}
