#pragma once

// The fixture of the `gator-provision lock` integration tests: the built binary, run in a scratch
// directory, against a PyTorch-like index (HTML only, root-relative links with '+' as %2B, files
// outside the index folder, no hashes for its wheels, no metadata files, 403 for missing
// projects) and a PyPI-like one (hashes, metadata sidecars, a yanked release, Requires-Python, an
// sdist-only release, and torch decoys: the same version with a better platform tag, and a
// higher version), both served by nginx on 127.0.0.1, with a profile that pins the torch family
// to the PyTorch-like index.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "index_tree.hpp"
#include "lock/read.hpp"
#include "nginx_test.hpp"
#include "profile_builder.hpp"
#include "util/subprocess.hpp"

namespace gator::provision {

class LockCommandTest : public test::NginxTest {
 protected:
  void SetUp() override {
    NginxTest::SetUp();
    if (IsSkipped())
      return;
    m_work = scratch_dir();
    const std::filesystem::path pytorch = serve_dir("pytorch");
    // Root-relative links to a folder outside the index, as download.pytorch.org has them.
    const std::string root_relative =
        "/" +
        std::filesystem::relative(pytorch / "files", server().document_root()).generic_string() +
        "/";
    m_pytorch.emplace(pytorch, root_relative);
    build_pytorch_index(*m_pytorch);
    m_pytorch->write_pages();
    m_pytorch_url = url_for(pytorch / "rocm5.7");
    m_pypi_url = serve_pypi_index("pypi");
  }

  // Generates the PyPI-like index under the location `area` (see nginx_locations.conf) and
  // returns its URL; m_pypi is that index from then on.
  std::string serve_pypi_index(std::string_view area) {
    const std::filesystem::path pypi = serve_dir(area);
    m_pypi.emplace(pypi);
    build_pypi_index(*m_pypi);
    m_pypi->write_pages();
    return url_for(pypi / "simple");
  }

  static void build_pytorch_index(testing::IndexTree& tree) {
    const testing::LinkOptions no_hash{false};
    tree.add("rocm5.7", "torch",
             {"torch",
              "2.3.1+rocm5.7",
              "cp311-cp311-linux_x86_64",
              {"filelock", "typing-extensions>=4.8.0",
               "pytorch-triton-rocm==2.3.1; platform_system == \"Linux\" and "
               "platform_machine == \"x86_64\""}},
             no_hash);
    tree.add("rocm5.7", "torch",
             {"torch", "2.3.1+rocm5.7", "cp312-cp312-linux_x86_64", {"filelock"}}, no_hash);
    tree.add("rocm5.7", "torch",
             {"torch", "2.2.0+rocm5.7", "cp311-cp311-linux_x86_64", {"filelock"}}, no_hash);
    tree.add("rocm5.7", "torchvision",
             {"torchvision",
              "0.18.1+rocm5.7",
              "cp311-cp311-linux_x86_64",
              {"numpy", "torch==2.3.1", "pillow!=8.3.*,>=5.3.0"}});  // with a hash
    tree.add("rocm5.7", "pytorch-triton-rocm",
             {"pytorch_triton_rocm", "2.3.1", "cp311-cp311-linux_x86_64", {"filelock"}}, no_hash);
    // Copies of common packages, as the real index has: never used for unpinned projects.
    tree.add("rocm5.7", "numpy", {"numpy", "1.26.9", "cp311-cp311-manylinux_2_17_x86_64"});
  }

  static void build_pypi_index(testing::IndexTree& tree) {
    const testing::LinkOptions sidecar{true, std::nullopt, "", true};
    // Dependency confusion: the same name and version with a better tag, and a higher version.
    tree.add("simple", "torch",
             {"torch", "2.3.1", "cp311-cp311-manylinux_2_17_x86_64", {"evil-payload"}});
    tree.add("simple", "torch", {"torch", "99.0", "py3-none-any", {"evil-payload"}});
    tree.add("simple", "pytorch-triton-rocm",
             {"pytorch_triton_rocm", "2.3.1", "py3-none-any", {"evil-payload"}});
    tree.add("simple", "numpy",
             {"numpy", "1.26.4", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"},
             sidecar);
    tree.add("simple", "numpy", {"numpy", "1.26.4", "cp311-cp311-manylinux_2_34_x86_64"}, sidecar);
    tree.add("simple", "numpy", {"numpy", "2.0.0", "cp311-cp311-manylinux_2_17_x86_64"}, sidecar);
    tree.add("simple", "pillow", {"pillow", "10.3.0", "cp311-cp311-manylinux_2_28_x86_64"},
             sidecar);
    tree.add("simple", "pillow", {"pillow", "10.4.0", "cp311-cp311-manylinux_2_28_x86_64"},
             testing::LinkOptions{true, "corrupt wheel", "", true});
    tree.add("simple", "filelock", {"filelock", "3.15.4", "py3-none-any"});
    tree.add_sdist("simple", "filelock", "filelock", "3.16.0");
    tree.add("simple", "typing-extensions", {"typing_extensions", "4.12.2", "py3-none-any"},
             testing::LinkOptions{true, std::nullopt, ">=3.8"});
    tree.add("simple", "typing-extensions",
             {"typing_extensions", "4.13.0", "py3-none-any", {}, ">=3.12"},
             testing::LinkOptions{true, std::nullopt, ">=3.12"});
  }

  [[nodiscard]] testing::ProfileSpec spec() const {
    testing::ProfileSpec spec;
    spec.pytorch_url = m_pytorch_url;
    spec.pypi_url = m_pypi_url;
    spec.packages = {"torch==2.3.1+rocm5.7", "torchvision==0.18.1+rocm5.7", "numpy>=1.24.0,<2.0",
                     "pillow>=10.0.0", "typing-extensions"};
    return spec;
  }

  void write_profile(const testing::ProfileSpec& profile) const {
    testing::write_text(m_work / "profiles" / "x.toml", testing::profile_text(profile));
  }

  [[nodiscard]] util::ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"lock", "profiles/x.toml"});
    args.push_back("--cache-dir");
    args.push_back((m_work / "cache").string());
    util::ProcessRequest request;
    request.executable = GATOR_PROVISION_BINARY;
    request.args = std::move(args);
    request.working_directory = m_work;
    request.timeout = std::chrono::seconds(120);
    return util::run_process(request);
  }

  [[nodiscard]] std::filesystem::path lock_path() const {
    return m_work / "lockfiles" / "pylock.x.toml";
  }

  [[nodiscard]] static const lock::Package& package(const lock::Lockfile& lockfile,
                                                    std::string_view name) {
    const auto it = std::find_if(lockfile.packages.begin(), lockfile.packages.end(),
                                 [&](const lock::Package& p) { return p.name == name; });
    if (it == lockfile.packages.end())
      throw std::runtime_error("no " + std::string(name) + " in the lock");
    return *it;
  }

  std::filesystem::path m_work;
  std::optional<testing::IndexTree> m_pytorch;
  std::optional<testing::IndexTree> m_pypi;
  std::string m_pytorch_url;
  std::string m_pypi_url;
};

[[nodiscard]] inline std::string describe(const util::ProcessResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\nstdout:\n" + result.out + "stderr:\n" +
         result.err;
}

}  // namespace gator::provision
