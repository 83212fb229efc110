# cython: language_level=3, boundscheck=False, wraparound=False
"""The two walks of a whole page that only read element names and a few attributes, in C.

:func:`lint.extract.named.named_elements` (every element's ``itemprop``, ``class`` and ``id``) and
:func:`lint.extract.markup._index` (scripts and microdata/RDFa attributes) visit every element of a
page. In Python each visit makes the element's lxml proxy and asks lxml for each attribute; here
libxml2's tree is read directly (through lxml's public C API, the documented way for an extension
to share lxml's trees), and a proxy is made only for the elements returned.

Both functions return exactly what their Python versions return (``tests/test_walk.py`` holds them
to it on fixtures, generated pages and the development corpus). Nothing here calls libxml2: lxml
links its own copy, so only the tree's structs are read. A value spread over several nodes (an
entity inside an attribute, which libxml2's HTML parser does not make) is read through lxml.
"""

from libc.string cimport strcmp
from lxml.includes cimport tree
from lxml.includes.tree cimport xmlAttr, xmlNode
cimport lxml.includes.etreepublic as cetree

cetree.import_lxml__etree()

# The lxml whose headers gave the structs' layout: the walk is used only with that same lxml.
BUILT_WITH = cetree.LXML_VERSION_STRING.decode("ascii")


cdef inline xmlNode* _next(xmlNode* c, xmlNode* top):
    """The node after ``c`` in document order below ``top`` (NULL at the end): its first child,
    else the next sibling of it or of the nearest ancestor that has one. Only elements are
    descended into (an entity reference's children belong to its declaration)."""
    if c.type == tree.XML_ELEMENT_NODE and c.children is not NULL:
        return c.children
    while c is not top:
        if c.next is not NULL:
            return c.next
        c = c.parent
        if c is NULL:
            return NULL
    return NULL


cdef inline object _value(cetree._Document doc, xmlNode* c, xmlAttr* a, name):
    """The attribute's value as lxml's ``get`` gives it."""
    cdef xmlNode* ch = a.children
    if ch is NULL:
        return ""
    if ch.next is NULL and ch.type == tree.XML_TEXT_NODE and ch.content is not NULL:
        return (<const char*>ch.content).decode("utf-8")
    return cetree.elementFactory(doc, c).get(name)


cdef inline object _tag(cetree._Document doc, xmlNode* c):
    if c.ns is NULL:
        return (<const char*>c.name).decode("utf-8")
    return cetree.elementFactory(doc, c).tag


def named_elements(cetree._Element root not None):
    """``(element, tag, itemprop or None, class or id or None)`` for each element of ``root`` (itself
    included) that has an itemprop, a class or an id, and every ``<time>``, ``<a>`` and ``<img>``,
    in document order. Empty values count as lxml's ``get`` returns them ("" is falsy)."""
    cdef xmlNode* top = root._c_node
    cdef xmlNode* c = top
    cdef xmlAttr* a
    cdef const char* nm
    cdef bint got_ip, got_cls, got_id
    cdef cetree._Document doc = root._doc
    out = []
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            ip = cls = idv = None
            got_ip = got_cls = got_id = False
            a = c.properties
            while a is not NULL:
                if a.ns is NULL:  # lxml's get(name) reads attributes without a namespace
                    nm = <const char*>a.name
                    if not got_cls and strcmp(nm, "class") == 0:
                        cls = _value(doc, c, a, "class")
                        got_cls = True
                    elif not got_id and strcmp(nm, "id") == 0:
                        idv = _value(doc, c, a, "id")
                        got_id = True
                    elif not got_ip and strcmp(nm, "itemprop") == 0:
                        ip = _value(doc, c, a, "itemprop")
                        got_ip = True
                a = a.next
            named = cls or idv
            if ip or named:
                out.append((cetree.elementFactory(doc, c), _tag(doc, c), ip, named))
            elif c.ns is NULL:
                nm = <const char*>c.name
                if strcmp(nm, "a") == 0 or strcmp(nm, "img") == 0 or strcmp(nm, "time") == 0:
                    out.append((cetree.elementFactory(doc, c), _tag(doc, c), None, None))
        c = _next(c, top)
    return out


def markup_index(cetree._Element root not None):
    """(the ``<script>`` elements, the elements with an ``itemprop``, ``itemscope``, ``itemref`` or
    ``itemtype``, those with ``itemscope``, whether any element has ``typeof``), each in document
    order, for ``root`` and the elements below it."""
    cdef xmlNode* top = root._c_node
    cdef xmlNode* c = top
    cdef xmlAttr* a
    cdef const char* nm
    cdef bint md, scope, has_typeof = False
    cdef cetree._Document doc = root._doc
    scripts, mds, scopes = [], [], []
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            md = scope = False
            a = c.properties
            while a is not NULL:
                if a.ns is NULL:
                    nm = <const char*>a.name
                    if nm[0] == b"i":
                        if strcmp(nm, "itemscope") == 0:
                            md = scope = True
                        elif strcmp(nm, "itemprop") == 0 or strcmp(nm, "itemref") == 0 or strcmp(nm, "itemtype") == 0:
                            md = True
                    elif strcmp(nm, "typeof") == 0:
                        has_typeof = True
                a = a.next
            if md:
                el = cetree.elementFactory(doc, c)
                mds.append(el)
                if scope:
                    scopes.append(el)
            if c.ns is NULL and strcmp(<const char*>c.name, "script") == 0:
                scripts.append(cetree.elementFactory(doc, c))
        c = _next(c, top)
    return scripts, mds, scopes, has_typeof
