"""A third-party generator that knows nothing about the studio's internals."""

from decimal import Decimal

from studio import hookimpl
from studio.contracts import GenerationResult, GeneratorCapabilities


class HelloGenerator:
    name = "hello"
    version = "1.2.3"

    def capabilities(self):
        return GeneratorCapabilities(
            text_to_video=True,
            image_to_video=False,
            durations=[1.0],
            aspect_ratios=["1:1"],
            resolutions=["64x64"],
            price_per_second=Decimal("0"),
        )

    def generate(self, request, progress):
        progress(1.0, "done")
        return GenerationResult(path=request.output_path, duration=1.0, width=64, height=64)


@hookimpl
def register_generators(register):
    register(HelloGenerator())
