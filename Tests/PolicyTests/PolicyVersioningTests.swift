import Money
import Policy
import Testing

/// A new policy year is a new version file, not new Swift: adding `V2025.yaml` (a copy of V2021
/// with its own dates and figures) and closing V2021 loads, and the service date picks the version.
@Suite("Policy versioning")
struct PolicyVersioningTests {
  /// The shipped policy plus V2025 from 2025-01-01, with V2021 closed on 2024-12-31.
  func withV2025(closingV2021: Bool = true) throws -> DemoPolicy {
    var policy = DemoPolicy()
    var v2025 = try #require(DemoPolicy.shipped["V2021.yaml"])
    for (old, new) in [
      ("version: V2021\n", "version: V2025\n"),
      ("valid_from: \"2021-01-01\"", "valid_from: \"2025-01-01\""),
      ("    ratio: 60%\n", "    ratio: 70%\n"),  // 两病 ratio, to tell the versions apart
    ] {
      try #require(v2025.components(separatedBy: old).count == 2, "“\(old)” once in V2021.yaml")
      v2025 = v2025.replacingOccurrences(of: old, with: new)
    }
    policy.texts["V2025.yaml"] = v2025
    if closingV2021 {
      try policy.replace("valid_to: null", with: "valid_to: \"2024-12-31\"", in: "V2021.yaml")
    }
    return policy
  }

  @Test("a fourth version file loads and is chosen from its first day")
  func fourthVersion() throws {
    let region = try withV2025().load()
    #expect(region.versions.map(\.id) == ["V2020A", "V2020B", "V2021", "V2025"])
    #expect(region.version(on: day("2025-03-01"))?.id == "V2025")
    #expect(region.version(on: day("2025-01-01"))?.id == "V2025")
    #expect(region.version(on: day("2024-12-31"))?.id == "V2021")
    #expect(region.version(on: day("2021-01-01"))?.id == "V2021")
    #expect(region.version(on: day("2020-07-01"))?.id == "V2020B")
    #expect(region.version(on: day("2019-12-31")) == nil)
    #expect(region.versions.last?.validity.end == nil)
    #expect(region.versions[2].validity.end == day("2024-12-31"))
  }

  @Test("the new version's figures apply from its first day only")
  func newFigures() throws {
    let region = try withV2025().load()
    let before = region.version(on: day("2024-12-31"))?.regime(id: "two_diseases")?.ratio.rows.map(\.value)
    let after = region.version(on: day("2025-03-01"))?.regime(id: "two_diseases")?.ratio.rows.map(\.value)
    #expect(before == [.percent(60)])
    #expect(after == [.percent(70)])
  }

  @Test("file order does not matter")
  func fileOrder() throws {
    let files = try withV2025().files.reversed()
    let region = try PolicyLoader.load(Array(files))
    #expect(region.versions.map(\.id) == ["V2020A", "V2020B", "V2021", "V2025"])
  }

  @Test("forgetting to close V2021 is an overlap named in the new file")
  func forgettingToClose() throws {
    let problems = try withV2025(closingV2021: false).problems()
    #expect(problems.count == 1)
    expectProblem(problems, file: "V2025.yaml", path: "valid_from", containing: ["V2025 overlaps V2021", "V2021.yaml"])
  }

  @Test("a gap between versions loads, and no version is in force inside it")
  func gapBetweenVersions() throws {
    var policy = try withV2025()
    try policy.replace("valid_to: \"2024-12-31\"", with: "valid_to: \"2023-12-31\"", in: "V2021.yaml")
    let region = try policy.load()
    #expect(region.version(on: day("2023-12-31"))?.id == "V2021")
    #expect(region.version(on: day("2024-06-30")) == nil)
    #expect(region.version(on: day("2025-01-01"))?.id == "V2025")
  }
}
