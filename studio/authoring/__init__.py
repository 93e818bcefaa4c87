"""What the studio gives plugin authors besides the contracts: a package to start from
(:mod:`studio.authoring.scaffold`, ``studio plugins new``) and the reference of every object
a plugin receives or returns (:mod:`studio.authoring.reference`, ``studio plugins reference``).
"""
