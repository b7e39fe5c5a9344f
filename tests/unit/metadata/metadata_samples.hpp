#pragma once

#include <string_view>

// Real-world shaped METADATA / PKG-INFO files for the core metadata tests.
namespace gator::metadata::samples {

// numpy 1.26-like (meson-python): 2.1, a License spread over continuation lines, a mixed-case
// field name, and a long Markdown description in the body.
inline constexpr std::string_view k_numpy = R"META(Metadata-Version: 2.1
Name: numpy
Version: 1.26.4
Summary: Fundamental package for array computing in Python
Home-page: https://numpy.org
Author: Travis E. Oliphant et al.
Maintainer-Email: NumPy Developers <numpy-discussion@python.org>
License: Copyright (c) 2005-2023, NumPy Developers.
        All rights reserved.
        
        Redistribution and use in source and binary forms, with or without
        modification, are permitted provided that the following conditions are
            met: (an indented line)
Classifier: Development Status :: 5 - Production/Stable
Classifier: Intended Audience :: Science/Research
Classifier: License :: OSI Approved :: BSD License
Classifier: Programming Language :: Python :: 3.11
Project-URL: homepage, https://numpy.org
Project-URL: documentation, https://numpy.org/doc/
Project-URL: source, https://github.com/numpy/numpy
Requires-Python: >=3.9
Description-Content-Type: text/markdown

<h1 align="center">
<img src="https://raw.githubusercontent.com/numpy/numpy/main/branding/logo/primary/numpylogo.svg" width="300">
</h1><br>

NumPy is the fundamental package for scientific computing with Python.

- **Website:** https://www.numpy.org
- **Documentation:** https://numpy.org/doc

It provides:

- a powerful N-dimensional array object
- sophisticated (broadcasting) functions

Testing:

NumPy requires `pytest` and `hypothesis`.  Tests can then be run after installation with:

    python -c "import numpy, sys; sys.exit(numpy.test() is False)"

| a | table |
|---|-------|
)META";

// A distutils-era PKG-INFO: Metadata-Version 1.0, the description as an 8-space folded field.
inline constexpr std::string_view k_pkg_info_1_0 = R"META(Metadata-Version: 1.0
Name: Old_Style.pkg
Version: 0.9b2
Summary: A package from 2008
Home-page: http://example.com/old
Author: Jane Doe
Author-email: jane@example.com
License: UNKNOWN
Description: Old Style
        =========
        
        Install with ``easy_install``::
        
            easy_install Old_Style.pkg
        
Platform: UNKNOWN
Platform: POSIX
)META";

// Metadata 2.4 (PEP 639): License-Expression and License-File, Dynamic, extras to normalize.
inline constexpr std::string_view k_license_2_4 = R"META(Metadata-Version: 2.4
Name: Rich_Tool
Version: 3.0.0.post1
Summary: Does things
Author-email: Dev <dev@example.org>
License-Expression: MIT OR Apache-2.0
License-File: LICENSE-MIT
License-File: LICENSE-APACHE
License-File: licenses/NOTICE.txt
Dynamic: Requires-Dist
dynamic: provides-extra
Requires-Python: <4,>=3.8
Provides-Extra: Test_Suite
Provides-Extra: docs.build
Requires-Dist: pytest>=8; extra == "test-suite"
Requires-Dist: sphinx; extra == "docs-build"
Import-Name: rich_tool
X-Vendor-Field: kept as unknown

Rich tool.
)META";

// torch 2.3-like: many Requires-Dist with markers, extras and a local version.
inline constexpr std::string_view k_torch = R"META(Metadata-Version: 2.1
Name: torch
Version: 2.3.1+rocm5.7
Summary: Tensors and Dynamic neural networks in Python with strong GPU acceleration
Home-page: https://pytorch.org/
Download-URL: https://github.com/pytorch/pytorch/tags
Author: PyTorch Team
Author-email: packages@pytorch.org
License: BSD-3
Keywords: pytorch,machine learning
Classifier: Development Status :: 5 - Production/Stable
Classifier: Programming Language :: C++
Requires-Python: >=3.8.0
Description-Content-Type: text/markdown
License-File: LICENSE
License-File: NOTICE
Requires-Dist: filelock
Requires-Dist: typing-extensions >=4.8.0
Requires-Dist: sympy
Requires-Dist: networkx
Requires-Dist: jinja2
Requires-Dist: fsspec
Requires-Dist: pytorch-triton-rocm ==2.3.1 ; platform_system == "Linux" and platform_machine == "x86_64"
Requires-Dist: mkl <=2021.4.0,>=2021.1.1 ; platform_system == "Windows"
Requires-Dist: nvidia-cuda-nvrtc-cu12 ==12.1.105 ; platform_system == "Linux" and platform_machine == "x86_64"
Provides-Extra: opt-einsum
Requires-Dist: opt-einsum >=3.3 ; extra == 'opt-einsum'
Provides-Extra: optree
Requires-Dist: optree >=0.9.1 ; extra == 'optree'

![PyTorch Logo](https://github.com/pytorch/pytorch/raw/main/docs/source/_static/img/pytorch-logo-dark.png)

--------------------------------------------------------------------------------

PyTorch is a Python package that provides two high-level features:
- Tensor computation (like NumPy) with strong GPU acceleration
- Deep neural networks built on a tape-based autograd system
)META";

}  // namespace gator::metadata::samples
