// Faults in what `apply` is given: a server that serves other bytes than the lock promises, a
// download cut short, and hostile wheels (zip-slip, absolute path, symlink, RECORD mismatch).
// Each leaves the previous venv exactly as it was (tree, modes, times; `verify` agrees) and
// nothing staged beside it.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apply_fixture.hpp"
#include "cache/sha256_hasher.hpp"
#include "test_wheels.hpp"

namespace gator::apply_test {
namespace {
namespace fs = std::filesystem;

[[nodiscard]] bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every path below `root` whose file name is `name`.
[[nodiscard]] std::vector<std::string> find_named(const fs::path& root, const std::string& name) {
  std::vector<std::string> found;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().filename() == name)
      found.push_back(entry.path().string());
  }
  return found;
}

class ApplyFaultTest : public ApplyTest {
 protected:
  // Applies y with a hostile wheel `evil`; expects exit `code` and `member` in the message.
  void expect_refused(Hostile kind, const std::string& member, int code) {
    const Tree before = baseline();
    ASSERT_FALSE(HasFailure());
    Wheelhouse bad = wheelhouse("bad");
    add_generated(bad);
    const GeneratedWheel evil = evil_wheel(kind, member);
    bad.add(evil.filename, evil.bytes);
    bad.write_pages();
    write_profile({"y", index_url(bad), {"alpha", "beta<2", "evil"}, {}});
    const ChildResult applied = apply();
    EXPECT_TRUE(applied.exited && applied.exit_code == code) << applied.describe();
    EXPECT_TRUE(contains(applied.err, "refusing wheel evil-1.0-py3-none-any.whl")) << applied.err;
    EXPECT_TRUE(contains(applied.err, "member \"" + member + "\" ")) << applied.err;
    expect_intact(before);
  }
};

TEST_F(ApplyFaultTest, WrongHashOnTheServerIsAnIntegrityError) {
  const Tree before = baseline();
  ASSERT_FALSE(HasFailure());
  Wheelhouse house = wheelhouse("changed");
  add_generated(house);
  house.write_pages();
  lock_profile_y(index_url(house), "gamma");
  ASSERT_FALSE(HasFatalFailure());

  const GeneratedWheel gamma = gamma_wheel();
  std::string tampered = gamma.bytes;
  tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 0x20);
  house.replace_served(gamma.filename, tampered);
  const ChildResult applied = apply_with_cache(m_work / "fresh-cache");
  EXPECT_TRUE(applied.exited && applied.exit_code == 7) << applied.describe();
  EXPECT_TRUE(contains(applied.err, "error: the wheel gamma-1.0-py3-none-any.whl (gamma) from " +
                                        url_for(house.file(gamma.filename)) +
                                        " does not match the lock\n"))
      << applied.err;
  EXPECT_TRUE(contains(
      applied.err, "    expected: sha256:" + house.sha256(gamma.filename) +
                       "\n    got:      sha256:" + cache::sha256_of(tampered).to_string() + "\n"))
      << applied.err;
  expect_intact(before);
}

TEST_F(ApplyFaultTest, TruncatedDownloadIsANetworkError) {
  const Tree before = baseline();
  ASSERT_FALSE(HasFailure());
  Wheelhouse cut = wheelhouse("cut-source");
  add_generated(cut);
  cut.write_pages("/cut/" +
                  fs::relative(cut.root() / "files", server().document_root()).generic_string() +
                  "/");
  lock_profile_y(index_url(cut), "gamma");
  ASSERT_FALSE(HasFatalFailure());

  const ChildResult applied = apply_with_cache(m_work / "fresh-cache");
  EXPECT_TRUE(applied.exited && applied.exit_code == 6) << applied.describe();
  const std::string url =
      server().base_url() + "/cut/" +
      fs::relative(cut.file("gamma-1.0-py3-none-any.whl"), server().document_root())
          .generic_string();
  EXPECT_TRUE(contains(applied.err,
                       "gator-provision: error: 3 of 3 wheels could not be "
                       "downloaded\n"))
      << applied.err;
  EXPECT_TRUE(contains(applied.err,
                       "  caused by: gamma-1.0-py3-none-any.whl (gamma): cannot "
                       "fetch " +
                           url + "\n"))
      << applied.err;
  EXPECT_FALSE(logged_requests("GET /cut/").empty());
  expect_intact(before);
}

// The wheel module reports every unsafe member as an integrity error (exit 7), like a RECORD
// mismatch: the archive is not what a wheel may be.
TEST_F(ApplyFaultTest, ZipSlipMemberIsRefused) {
  expect_refused(Hostile::zip_slip, "../evil-escaped.txt", 7);
  EXPECT_EQ(find_named(m_work, "evil-escaped.txt"), std::vector<std::string>{});
}

TEST_F(ApplyFaultTest, AbsoluteMemberIsRefused) {
  const fs::path target = m_work / "evil-absolute.txt";
  expect_refused(Hostile::absolute_path, target.string(), 7);
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(ApplyFaultTest, SymlinkMemberIsRefused) {
  expect_refused(Hostile::symlink, "evil/passwd", 7);
  EXPECT_EQ(find_named(m_work, "passwd"), std::vector<std::string>{});
}

TEST_F(ApplyFaultTest, RecordMismatchIsRefused) {
  expect_refused(Hostile::record_mismatch, "evil/payload.txt", 7);
}

}  // namespace
}  // namespace gator::apply_test
