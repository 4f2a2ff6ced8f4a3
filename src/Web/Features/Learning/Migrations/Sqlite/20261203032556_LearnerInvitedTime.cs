using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Web.Features.Learning.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LearnerInvitedTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "InvitedUtc",
                table: "learnerAccount",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InvitedUtc",
                table: "learnerAccount");
        }
    }
}
