from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CandidateVariant")


@_attrs_define
class CandidateVariant:
    """What makes this candidate different from the others of its group.

    Attributes:
        generator (str): The generator that made it (of its AI clip, for a template with `options.ai_clip`).
        angle (None | str | Unset): The product angle an AI service wrote its prompt from (count-only candidates).
        hook (None | str | Unset): The selling idea of that angle.
        index (int | None | Unset): Its number in the group, from 1.
        prompt (None | str | Unset): The prompt its generator was given.
        prompt_by (None | str | Unset): `seller` (a prompt sent in the request) or the AI service that wrote it.
        seed (int | None | Unset):
    """

    generator: str
    angle: None | str | Unset = UNSET
    hook: None | str | Unset = UNSET
    index: int | None | Unset = UNSET
    prompt: None | str | Unset = UNSET
    prompt_by: None | str | Unset = UNSET
    seed: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generator = self.generator

        angle: None | str | Unset
        if isinstance(self.angle, Unset):
            angle = UNSET
        else:
            angle = self.angle

        hook: None | str | Unset
        if isinstance(self.hook, Unset):
            hook = UNSET
        else:
            hook = self.hook

        index: int | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        else:
            index = self.index

        prompt: None | str | Unset
        if isinstance(self.prompt, Unset):
            prompt = UNSET
        else:
            prompt = self.prompt

        prompt_by: None | str | Unset
        if isinstance(self.prompt_by, Unset):
            prompt_by = UNSET
        else:
            prompt_by = self.prompt_by

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generator": generator,
            }
        )
        if angle is not UNSET:
            field_dict["angle"] = angle
        if hook is not UNSET:
            field_dict["hook"] = hook
        if index is not UNSET:
            field_dict["index"] = index
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if prompt_by is not UNSET:
            field_dict["prompt_by"] = prompt_by
        if seed is not UNSET:
            field_dict["seed"] = seed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        generator = d.pop("generator")

        def _parse_angle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        angle = _parse_angle(d.pop("angle", UNSET))

        def _parse_hook(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hook = _parse_hook(d.pop("hook", UNSET))

        def _parse_index(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        index = _parse_index(d.pop("index", UNSET))

        def _parse_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt = _parse_prompt(d.pop("prompt", UNSET))

        def _parse_prompt_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_by = _parse_prompt_by(d.pop("prompt_by", UNSET))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        candidate_variant = cls(
            generator=generator,
            angle=angle,
            hook=hook,
            index=index,
            prompt=prompt,
            prompt_by=prompt_by,
            seed=seed,
        )

        candidate_variant.additional_properties = d
        return candidate_variant

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
