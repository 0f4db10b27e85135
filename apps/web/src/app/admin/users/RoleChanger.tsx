"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { bffErrorFacts } from "../../../components/form/field-errors.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import table from "../products/products.module.css";

type Role = "SHOPPER" | "ADMIN";

interface RoleChangerProps {
  userId: string;
  userLabel: string;
  role: Role;
}

/** Pick a role and save it. Not rendered for the admin's own row (user-svc refuses that too). */
export function RoleChanger({ userId, userLabel, role }: RoleChangerProps) {
  const router = useRouter();
  const [selected, setSelected] = useState<Role>(role);
  const [message, setMessage] = useState<{ kind: "error" | "saved"; text: string } | null>(null);
  const trpc = useTRPC();
  const setRole = useMutation(trpc.users.setRole.mutationOptions());
  const selectId = useId();

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    try {
      await setRole.mutateAsync({ userId, role: selected });
      setMessage({ kind: "saved", text: "Role saved" });
      router.refresh();
    } catch (error) {
      setMessage({ kind: "error", text: bffErrorFacts(error).message });
    }
  }

  return (
    <form className={table.stockForm} onSubmit={save}>
      <label htmlFor={selectId} className="visually-hidden">
        Role for {userLabel}
      </label>
      <select
        id={selectId}
        className={table.roleSelect}
        value={selected}
        onChange={(event) => {
          setSelected(event.target.value as Role);
          setMessage(null);
        }}
      >
        <option value="SHOPPER">Shopper</option>
        <option value="ADMIN">Admin</option>
      </select>
      <button
        type="submit"
        className={`button button-secondary ${table.smallButton}`}
        disabled={setRole.isPending || selected === role}
      >
        {setRole.isPending ? "Saving…" : "Save"}
        <span className="visually-hidden"> role for {userLabel}</span>
      </button>
      {message && (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`${table.rowMessage} ${message.kind === "error" ? table.rowError : table.rowSaved}`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
