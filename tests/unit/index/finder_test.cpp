// The Finder over local sources (file:// simple indexes and find-links directories): the index
// policy end to end without a server.
#include "index/finder.hpp"

#include "index/project_source.hpp"
#include "local_tree.hpp"

namespace gator::index {
namespace {

[[nodiscard]] pep508::PackageName name(std::string_view text) {
  return *pep508::PackageName::parse(text);
}

class FinderTest : public testing::LocalTreeTest {
 protected:
  // <root>/<index>/<project>/index.html linking the given files (placed beside the page).
  void page(const std::string& index, const std::string& project,
            const std::vector<std::string>& files) {
    std::string html = "<!DOCTYPE html><html><body>\n";
    for (const std::string& file : files) {
      html += "<a href=\"" + file + "\">" + file + "</a>\n";
      write(m_dir / index / project / file, "not really a wheel");
    }
    write(m_dir / index / project / "index.html", html + "</body></html>\n");
  }
  [[nodiscard]] http::RedactedUrl index_url(const std::string& index) const {
    return file_url(m_dir / index);
  }
  [[nodiscard]] static std::vector<std::string> filenames(const ProjectFiles& files) {
    std::vector<std::string> names;
    for (const IndexFile& file : files.files)
      names.push_back(file.filename());
    return names;
  }

  http::Client m_client{http::ClientOptions{}};
};

TEST_F(FinderTest, AnUnpinnedProjectComesOnlyFromTheFirstIndexThatHasIt) {
  // The dependency-confusion case: acme-utils is internal; a "better" 99.0 on the public index
  // must never be seen, let alone merged.
  page("internal", "acme-utils", {"acme_utils-1.0-py3-none-any.whl"});
  page(
      "public", "acme-utils",
      {"acme_utils-99.0-py3-none-any.whl", "acme_utils-1.0-cp311-cp311-manylinux_2_17_x86_64.whl"});
  page("public", "requests", {"requests-2.32.3-py3-none-any.whl"});
  auto policy =
      IndexPolicy::create({{"internal", index_url("internal")}, {"public", index_url("public")}});
  ASSERT_TRUE(policy);
  Finder finder(m_client, std::move(*policy));
  const std::vector<pep508::PackageName> projects{name("acme-utils"), name("requests"),
                                                  name("nonexistent")};
  finder.prefetch(projects);

  const ProjectFiles& acme = finder.find(name("Acme_Utils"));
  EXPECT_EQ(acme.index_name, "internal");
  EXPECT_EQ(filenames(acme), std::vector<std::string>{"acme_utils-1.0-py3-none-any.whl"});
  EXPECT_EQ(acme.searched, std::vector<std::string>{"internal"});
  ASSERT_TRUE(acme.page_url);
  EXPECT_EQ(
      acme.files[0].url().display(),
      file_url(m_dir / "internal" / "acme-utils" / "acme_utils-1.0-py3-none-any.whl").display());

  const ProjectFiles& requests = finder.find(name("requests"));
  EXPECT_EQ(requests.index_name, "public");
  EXPECT_EQ(requests.searched, (std::vector<std::string>{"internal", "public"}));

  const ProjectFiles& missing = finder.find(name("nonexistent"));
  EXPECT_FALSE(missing.found());
  EXPECT_TRUE(missing.files.empty());
  EXPECT_EQ(missing.searched, (std::vector<std::string>{"internal", "public"}));
}

TEST_F(FinderTest, APinnedProjectIsLookedUpOnlyOnItsIndex) {
  page("pytorch", "torch", {"torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl"});
  page("pypi", "torch", {"torch-2.5.0-cp311-cp311-manylinux_2_17_x86_64.whl"});
  page("pypi", "torchvision", {"torchvision-0.20.0-cp311-cp311-manylinux_2_17_x86_64.whl"});
  auto policy =
      IndexPolicy::create({{"pytorch", index_url("pytorch"), true}, {"pypi", index_url("pypi")}},
                          {{name("torch"), {"pytorch", "profiles/mi25.toml:14"}},
                           {name("torchvision"), {"pytorch", "profiles/mi25.toml:14"}}});
  ASSERT_TRUE(policy);
  Finder finder(m_client, std::move(*policy));
  const ProjectFiles& torch = finder.find(name("torch"));
  EXPECT_EQ(torch.index_name, "pytorch");
  EXPECT_EQ(filenames(torch),
            std::vector<std::string>{"torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl"});
  try {
    (void)finder.find(name("torchvision"));
    FAIL() << "a pinned project missing from its index must be an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::resolution);
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: torchvision is not on the index \"pytorch\" it is pinned "
              "to\n"
              "  caused by: " +
                  index_url("pytorch").display() +
                  " has no project torchvision\n"
                  "  caused by: pinned at profiles/mi25.toml:14\n"
                  "hint: check the project name and the index URL, or remove the pin to use the "
                  "default indexes\n");
  }
  // The error is remembered, not looked up again.
  EXPECT_THROW((void)finder.find(name("torchvision")), Error);
}

TEST_F(FinderTest, PagesKeepOtherFilesButDropOtherProjects) {
  page("idx", "demo",
       {"demo-1.0-py3-none-any.whl", "demo-1.0.tar.gz", "demo-1.0.exe", "other-1.0.tar.gz"});
  auto policy = IndexPolicy::create({{"idx", index_url("idx")}});
  Finder finder(m_client, std::move(*policy));
  const ProjectFiles& demo = finder.find(name("demo"));
  EXPECT_EQ(filenames(demo), (std::vector<std::string>{"demo-1.0-py3-none-any.whl",
                                                       "demo-1.0.tar.gz", "demo-1.0.exe"}));
  EXPECT_EQ(demo.files[2].kind(), FileKind::other);
}

TEST_F(FinderTest, FindLinksDirectories) {
  const auto wheels = m_dir / "wheelhouse";
  write(wheels / "demo-1.0-py3-none-any.whl", "w");
  write(wheels / "demo-1.0-py3-none-any.whl.metadata", "Metadata-Version: 2.1\n");
  write(wheels / "demo-2.0.tar.gz", "s");
  write(wheels / "other-1.0-py3-none-any.whl", "o");
  write(wheels / "README.txt", "r");
  write(wheels / ".demo-3.0-py3-none-any.whl.part", "p");
  std::filesystem::create_directories(wheels / "subdir");
  page("idx", "other", {"other-9.0-py3-none-any.whl"});
  IndexSpec local{"wheelhouse", file_url(wheels)};
  local.kind = SourceKind::find_links;
  auto policy = IndexPolicy::create({local, {"idx", index_url("idx")}});
  Finder finder(m_client, std::move(*policy));
  const ProjectFiles& demo = finder.find(name("demo"));
  EXPECT_EQ(demo.index_name, "wheelhouse");
  EXPECT_EQ(filenames(demo),
            (std::vector<std::string>{"demo-1.0-py3-none-any.whl", "demo-2.0.tar.gz"}));
  EXPECT_TRUE(demo.files[0].core_metadata);
  EXPECT_FALSE(demo.files[1].core_metadata);
  EXPECT_EQ(demo.files[0].size, 1U);
  // The directory has "other" too: the later index is not consulted.
  EXPECT_EQ(finder.find(name("other")).index_name, "wheelhouse");
  // A project the directory lacks falls through to the next index.
  page("idx", "third", {"third-1.0-py3-none-any.whl"});
  EXPECT_EQ(finder.find(name("third")).index_name, "idx");
}

TEST_F(FinderTest, MissingFindLinksDirectoryIsAnError) {
  IndexSpec local{"wheelhouse", file_url(m_dir / "missing")};
  local.kind = SourceKind::find_links;
  auto policy = IndexPolicy::create({local});
  Finder finder(m_client, std::move(*policy));
  try {
    (void)finder.find(name("demo"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_EQ(std::string(error.what()), "cannot look up demo on the index \"wheelhouse\"");
    ASSERT_FALSE(error.causes().empty());
    EXPECT_EQ(error.causes()[0],
              "cannot list the find-links directory " + (m_dir / "missing").string());
  }
}

TEST_F(FinderTest, AnUnreadablePageIsANetworkError) {
  write(m_dir / "idx" / "demo" / "index.html",
        "<meta name=\"pypi:repository-version\" content=\"2.0\">");
  auto policy = IndexPolicy::create({{"idx", index_url("idx")}});
  Finder finder(m_client, std::move(*policy));
  try {
    (void)finder.find(name("demo"));
    FAIL();
  } catch (const Error& error) {
    const std::string page = project_page_url(index_url("idx"), name("demo")).display();
    EXPECT_EQ(error.render("gator-provision"),
              "gator-provision: error: cannot look up demo on the index \"idx\"\n"
              "  caused by: cannot read the project page " +
                  page +
                  "\n"
                  "  caused by: line 1, column 1: unsupported simple API version 2.0: this build "
                  "reads version 1\n"
                  "hint: the index does not serve a valid PEP 503/691 page; check the index URL\n");
  }
}

TEST(ProjectPageUrl, NormalizedNameAndSlashes) {
  const auto project = *pep508::PackageName::parse("Foo_Bar");
  EXPECT_EQ(project_page_url(http::RedactedUrl::from("https://h/simple"), project).display(),
            "https://h/simple/foo-bar/");
  EXPECT_EQ(project_page_url(http::RedactedUrl::from("https://h/simple//"), project).display(),
            "https://h/simple/foo-bar/");
  EXPECT_EQ(project_page_url(http::RedactedUrl::from("file:///srv/simple/"), project).display(),
            "file:///srv/simple/foo-bar/index.html");
  const http::Request request = project_page_request(http::RedactedUrl::from("https://h/simple"),
                                                     project, http::CacheMode::revalidate);
  EXPECT_EQ(request.cache, http::CacheMode::revalidate);
  EXPECT_EQ(http::find_header(request.headers, "accept"),
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, "
            "text/html;q=0.01");
}

TEST(PageBaseUrl, CredentialsOnlyForTheSameOrigin) {
  const auto requested = http::RedactedUrl::from("https://u:p@h/simple/x/");
  http::Response response{requested, http::RedactedUrl::from("https://****@h/other/x/")};
  EXPECT_EQ(page_base_url(response, requested).raw_for_request(), "https://u:p@h/other/x/");
  response.effective_url = http::RedactedUrl::from("https://elsewhere/x/");
  EXPECT_EQ(page_base_url(response, requested).raw_for_request(), "https://elsewhere/x/");
}

TEST(LocalPath, FileUrls) {
  EXPECT_EQ(local_path(http::RedactedUrl::from("file:///srv/a%20b/x.whl")),
            std::filesystem::path("/srv/a b/x.whl"));
  EXPECT_EQ(local_path(http::RedactedUrl::from("file://localhost/srv/x.whl")),
            std::filesystem::path("/srv/x.whl"));
  EXPECT_FALSE(local_path(http::RedactedUrl::from("file://server/srv/x.whl")));
  EXPECT_FALSE(local_path(http::RedactedUrl::from("https://h/x.whl")));
  EXPECT_EQ(file_url("/srv/a b+c/x.whl").display(), "file:///srv/a%20b%2Bc/x.whl");
}

}  // namespace
}  // namespace gator::index
